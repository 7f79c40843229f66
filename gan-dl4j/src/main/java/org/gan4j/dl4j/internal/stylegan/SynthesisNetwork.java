package org.gan4j.dl4j.internal.stylegan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.ParameterInit;
import org.gan4j.zoo.StyleGan2;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The StyleGAN2 synthesis network, "skip" architecture (Karras et al., CVPR 2020, figure 7b; NVlabs/stylegan2-ada-pytorch
 * {@code SynthesisNetwork}, {@code SynthesisBlock}): a learned 4×4 constant; per resolution r = 4, 8, …, R a block
 * of modulated convolutions (one at 4×4; an upsampling one and a plain one above) and a toRGB layer whose image is
 * added to the FIR-upsampled image of the block before. Layer i of the w inputs: block 4 uses w₀ (conv) and w₁
 * (toRGB); block k ≥ 1 uses w_{2k−1}, w_{2k} (convolutions) and w_{2k+1} (toRGB), so each toRGB shares the w of the
 * next block's first convolution, as in the reference.
 */
final class SynthesisNetwork {
    private final StyleGan2 arch;
    private final StyleOps ops;
    private final List<ModulatedLayer[]> blocks = new ArrayList<>();

    SynthesisNetwork(StyleGan2 arch, StyleOps ops) {
        this.arch = arch;
        this.ops = ops;
    }

    /**
     * @param arch an architecture
     * @return the per-pixel noise inputs by layer key, each with its side: every convolution, in order
     */
    static Map<String, Integer> noiseInputs(StyleGan2 arch) {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        for (int res : arch.blockResolutions()) {
            if (res > 4) {
                inputs.put(key(res, "conv0"), res);
            }
            inputs.put(key(res, "conv1"), res);
        }
        return inputs;
    }

    static String key(int res, String layer) {
        return "G/b" + res + "/" + layer;
    }

    /**
     * Builds the forward pass.
     *
     * @param ws    the w input of each layer, [b, dim(w)] each
     * @param noise N(0, 1) noise [b, 1, r, r] by layer key ({@link #noiseInputs})
     * @return the image [b, channels, R, R]
     */
    SDVariable forward(List<SDVariable> ws, Map<String, SDVariable> noise) {
        if (!blocks.isEmpty()) {
            throw new IllegalStateException("the synthesis network is already built in this graph");
        }
        int wSize = arch.wSize();
        SDVariable x = ops.rawParameter("G/const", ParameterInit.normal(1), arch.channels(4), 4, 4)
                .reshape(1, arch.channels(4), 4, 4);
        SDVariable image = null;
        List<Integer> resolutions = arch.blockResolutions();
        for (int i = 0; i < resolutions.size(); i++) {
            int res = resolutions.get(i);
            long c = arch.channels(res);
            ModulatedLayer conv0 = res == 4 ? null
                    : new ModulatedLayer(ops, key(res, "conv0"), ModulatedLayer.Kind.UP, arch.channels(res / 2), c, res,
                    false);
            ModulatedLayer conv1 = new ModulatedLayer(ops, key(res, "conv1"), ModulatedLayer.Kind.CONV, c, c, res, res == 4);
            ModulatedLayer toRgb = new ModulatedLayer(ops, key(res, "torgb"), ModulatedLayer.Kind.TO_RGB, c,
                    arch.imageChannels(), res, false);
            if (conv0 != null) {
                x = conv0.forward(x, ws.get(2 * i - 1), noise.get(conv0.key()), wSize);
            }
            x = conv1.forward(x, ws.get(2 * i), noise.get(conv1.key()), wSize);
            x.rename(key(res, "x"));
            SDVariable y = toRgb.forward(x, ws.get(2 * i + 1), null, wSize);
            image = image == null ? y : ops.upsample(image, arch.imageChannels(), res / 2).add(y);
            image.rename(key(res, "img"));
            blocks.add(new ModulatedLayer[] {conv0, conv1, toRgb});
        }
        return image;
    }

    /**
     * The gradient of L = Σ image·g with respect to each w input (after {@link #forward}), as ordinary ops: the
     * Jacobian-vector product Jᵀg of path length regularization.
     *
     * @param g ∂L/∂image, [b, channels, R, R]
     * @return ∂L/∂wᵢ for i = 0 … numWs − 1, [b, dim(w)] each
     */
    List<SDVariable> wGradients(SDVariable g) {
        SDVariable[] gw = new SDVariable[arch.numWs()];
        SDVariable gImage = g;
        SDVariable gNext = null;
        List<Integer> resolutions = arch.blockResolutions();
        for (int i = resolutions.size() - 1; i >= 0; i--) {
            ModulatedLayer[] block = blocks.get(i);
            SDVariable[] rgb = block[2].backward(gImage);
            add(gw, 2 * i + 1, rgb[1]);
            SDVariable gx = gNext == null ? rgb[0] : rgb[0].add(gNext);
            SDVariable[] conv1 = block[1].backward(gx);
            add(gw, 2 * i, conv1[1]);
            if (block[0] != null) {
                SDVariable[] conv0 = block[0].backward(conv1[0]);
                add(gw, 2 * i - 1, conv0[1]);
                gNext = conv0[0];
            }
            if (i > 0) {
                gImage = ops.upsampleAdjoint(gImage, arch.imageChannels(), resolutions.get(i) / 2);
            }
        }
        return List.of(gw);
    }

    private static void add(SDVariable[] sums, int i, SDVariable g) {
        sums[i] = sums[i] == null ? g : sums[i].add(g);
    }
}
