package org.gan4j.dl4j.internal.stylegan;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.zoo.StyleGan2;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The StyleGAN2 discriminator, "resnet" architecture (Karras et al., CVPR 2020, figure 7c; NVlabs/stylegan2-ada-pytorch
 * {@code DiscriminatorBlock}, {@code DiscriminatorEpilogue}), every layer with the equalized learning rate
 * (W/√fan_in) and leaky ReLU 0.2 with gain √2:
 * <pre>
 *   x = lrelu(fromRGB₁ₓ₁(image))
 *   per block r = R … 8:  x = √½·skip₁ₓ₁(down(x)) + √½·lrelu(conv₃ₓ₃,s2(blur(lrelu(conv₃ₓ₃(x)))))
 *   at 4×4:  logit = out(lrelu(fc(flatten(lrelu(conv₃ₓ₃(mbstd(x)))))))
 * </pre>
 * down is the [1, 3, 3, 1] filter with stride 2 and blur the same filter before the strided convolution. The skip
 * convolution has no bias. {@link #inputGradient} is ∇_image Σ logits as ordinary ops, for R1.
 */
final class StyleDiscriminator {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private final StyleGan2 arch;
    private final StyleOps ops;
    private final long batch;
    private final List<Block> blocks = new ArrayList<>();
    private SDVariable fromRgbWeight;
    private SDVariable fromRgbPre;
    private MinibatchStd std;
    private SDVariable convWeight;
    private SDVariable convPre;
    private SDVariable fcWeight;
    private SDVariable fcPre;
    private SDVariable outWeight;

    private record Block(int res, long tmp, long out, SDVariable skip, SDVariable w0, SDVariable pre0, SDVariable w1,
                         SDVariable pre1) {
    }

    /**
     * @param arch  the architecture
     * @param ops   the discriminator's pieces in this graph
     * @param batch the fixed batch size
     */
    StyleDiscriminator(StyleGan2 arch, StyleOps ops, long batch) {
        this.arch = arch;
        this.ops = ops;
        this.batch = batch;
    }

    /**
     * @param image [batch, channels, R, R]
     * @return the logits [batch, 1]
     */
    SDVariable forward(SDVariable image) {
        if (fromRgbWeight != null) {
            throw new IllegalStateException("this discriminator is already built in this graph");
        }
        int r = arch.resolution();
        long c = arch.channels(r);
        fromRgbWeight = ops.weight("D/fromrgb/W", 1, arch.imageChannels(), 1, 1, arch.imageChannels(), c);
        fromRgbPre = StyleOps.addBias(ops.conv(image, fromRgbWeight, 1, 1, 0), ops.bias("D/fromrgb/b", 0, 1, c), c);
        SDVariable x = ops.lrelu(fromRgbPre, StyleOps.SQRT2);
        for (int res = r; res > 4; res /= 2) {
            String key = "D/b" + res;
            long tmp = arch.channels(res);
            long out = arch.channels(res / 2);
            SDVariable skip = ops.weight(key + "/skip/W", 1, tmp, 1, 1, tmp, out);
            SDVariable y = ops.conv(ops.downsample(x, tmp, res), skip, 1, 1, 0).mul(SQRT_HALF);
            SDVariable w0 = ops.weight(key + "/conv0/W", 1, tmp * 9, 3, 3, tmp, tmp);
            SDVariable pre0 = StyleOps.addBias(ops.conv(x, w0, 3, 1, 1), ops.bias(key + "/conv0/b", 0, 1, tmp), tmp);
            SDVariable w1 = ops.weight(key + "/conv1/W", 1, tmp * 9, 3, 3, tmp, out);
            SDVariable pre1 = StyleOps.addBias(ops.conv(ops.blurBeforeDown(ops.lrelu(pre0, StyleOps.SQRT2), tmp, res), w1,
                    3, 2, 0), ops.bias(key + "/conv1/b", 0, 1, out), out);
            x = y.add(ops.lrelu(pre1, StyleOps.SQRT2 * SQRT_HALF));
            blocks.add(new Block(res, tmp, out, skip, w0, pre0, w1, pre1));
        }
        long c4 = arch.channels(4);
        std = new MinibatchStd(ops, batch, arch.minibatchStdGroup(), c4, 4);
        convWeight = ops.weight("D/b4/conv/W", 1, (c4 + 1) * 9, 3, 3, c4 + 1, c4);
        convPre = StyleOps.addBias(ops.conv(std.forward(x), convWeight, 3, 1, 1), ops.bias("D/b4/conv/b", 0, 1, c4), c4);
        fcWeight = ops.weight("D/b4/fc/W", 1, c4 * 16, c4 * 16, c4);
        fcPre = ops.lrelu(convPre, StyleOps.SQRT2).reshape(batch, c4 * 16).mmul(fcWeight).add(ops.bias("D/b4/fc/b", 0, 1, c4));
        outWeight = ops.weight("D/b4/out/W", 1, c4, c4, 1);
        return ops.lrelu(fcPre, StyleOps.SQRT2).mmul(outWeight).add(ops.bias("D/b4/out/b", 0, 1, 1));
    }

    /** @return ∇_image Σ_b logit_b, [batch, channels, R, R], as ordinary ops (after {@link #forward}) */
    SDVariable inputGradient() {
        long c4 = arch.channels(4);
        SDVariable ones = ops.graph().constant(Nd4j.ones(ops.type(), batch, 1));
        SDVariable g = ones.mmul(outWeight.permute(1, 0)).mul(ops.lreluSlope(fcPre, StyleOps.SQRT2));
        g = g.mmul(fcWeight.permute(1, 0)).reshape(batch, c4, 4, 4).mul(ops.lreluSlope(convPre, StyleOps.SQRT2));
        g = std.backward(ops.deconv(g, convWeight, 3, 1, 1));
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            SDVariable viaSkip = ops.downsampleAdjoint(ops.deconv(g.mul(SQRT_HALF), b.skip(), 1, 1, 0), b.tmp(), b.res());
            SDVariable g1 = g.mul(ops.lreluSlope(b.pre1(), StyleOps.SQRT2 * SQRT_HALF));
            SDVariable g0 = ops.blurBeforeDownAdjoint(ops.deconv(g1, b.w1(), 3, 2, 0), b.tmp(), b.res())
                    .mul(ops.lreluSlope(b.pre0(), StyleOps.SQRT2));
            g = viaSkip.add(ops.deconv(g0, b.w0(), 3, 1, 1));
        }
        return ops.deconv(g.mul(ops.lreluSlope(fromRgbPre, StyleOps.SQRT2)), fromRgbWeight, 1, 1, 0);
    }
}
