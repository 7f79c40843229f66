package org.gan4j.dl4j.internal.stylegan;

import org.gan4j.ParameterInit;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * One StyleGAN2 synthesis layer (NVlabs/stylegan2-ada-pytorch {@code SynthesisLayer}, {@code ToRGBLayer},
 * {@code modulated_conv2d} with {@code fused_modconv=False}); Karras et al., CVPR 2020, section 2.2 and eq. 1–3:
 * <pre>
 *   s = A(w) = w·A/√dim(w) + b_A                      (b_A initialised to 1)
 *   d_o = rsqrt(Σ_{i,k} (W_{o,i,k}·s_i)² + 1e-8)       (demodulation)
 *   y = (conv(x·s, W)·d + noise·strength + b)          then leaky ReLU 0.2 with gain √2
 * </pre>
 * The weight W is used unscaled (demodulation normalizes it); the 3×3 upsampling variant convolves with stride 2
 * (transposed) and then applies the [1, 3, 3, 1] filter; toRGB is a 1×1 modulated convolution with s scaled by
 * 1/√in, no demodulation, noise or activation. ND4J has no grouped convolution, so the style scales the input and
 * the demodulation the output, around one ordinary convolution with the shared weight (the reference's non-fused
 * form). {@link #backward} is the layer's gradient with respect to its input and its w, written as ordinary ops
 * (path length regularization differentiates it again).
 */
final class ModulatedLayer {
    /** What kind of layer. */
    enum Kind {
        /** 3×3, same size. */
        CONV,
        /** 3×3, doubling the size. */
        UP,
        /** 1×1 to the image channels, no demodulation. */
        TO_RGB
    }

    private final StyleOps ops;
    private final String key;
    private final Kind kind;
    private final long in;
    private final long out;
    private final long size;
    private final boolean sharedInput;
    private SDVariable x;
    private SDVariable affine;
    private SDVariable style;
    private SDVariable weight;
    private SDVariable squares;
    private SDVariable demodulation;
    private SDVariable convolved;
    private SDVariable preActivation;

    /**
     * @param ops  the graph's shared pieces
     * @param key  the layer's parameter prefix, such as {@code G/b8/conv0}
     * @param kind the kind
     * @param in   the input channels
     * @param out  the output channels
     * @param size the output side
     * @param sharedInput whether the input is one [1, in, h, w] array for the whole batch (the learned constant)
     */
    ModulatedLayer(StyleOps ops, String key, Kind kind, long in, long out, long size, boolean sharedInput) {
        this.sharedInput = sharedInput;
        this.ops = ops;
        this.key = key;
        this.kind = kind;
        this.in = in;
        this.out = out;
        this.size = size;
    }

    /** @return the parameter prefix */
    String key() {
        return key;
    }

    /** @return the output side */
    long size() {
        return size;
    }

    /**
     * @param input the input maps [b, in, h, w] (or [1, in, h, w], broadcast over the batch)
     * @param w     this layer's w [b, dim(w)]
     * @param noise N(0, 1) noise [b, 1, size, size], or null for toRGB
     * @param wSize the size of w
     * @return the output maps
     */
    SDVariable forward(SDVariable input, SDVariable w, SDVariable noise, long wSize) {
        this.x = input;
        affine = ops.weight(key + "/affine/W", 1, wSize, wSize, in);
        style = w.mmul(affine).add(ops.bias(key + "/affine/b", 1, 1, in));
        SDVariable inputScale = kind == Kind.TO_RGB ? style.mul(1 / Math.sqrt(in)) : style;
        SDVariable scaled = sharedInput ? StyleOps.perMap(input, inputScale, in) : ops.scaleMaps(input, inputScale, in);
        switch (kind) {
            case CONV -> weight = rawWeight(3, in, out);
            case UP -> weight = rawWeight(3, out, in);
            default -> weight = rawWeight(1, in, out);
        }
        if (kind == Kind.TO_RGB) {
            return StyleOps.addBias(ops.conv(scaled, weight, 1, 1, 0), ops.bias(key + "/b", 0, 1, out), out);
        }
        convolved = kind == Kind.CONV ? ops.conv(scaled, weight, 3, 1, 1)
                : ops.blurAfterUp(ops.deconv(scaled, weight, 3, 2, 0), out, size);
        SDVariable sq = ops.graph().math.square(weight).sum(false, 0, 1);
        squares = kind == Kind.UP ? sq.permute(1, 0) : sq;
        demodulation = ops.graph().math.rsqrt(ops.graph().math.square(style).mmul(squares).add(StyleOps.EPSILON));
        SDVariable y = ops.scaleMaps(convolved, demodulation, out).add(noise.mul(ops.scalar(key + "/noise_strength", 0)));
        preActivation = StyleOps.addBias(y, ops.bias(key + "/b", 0, 1, out), out);
        return ops.lrelu(preActivation, StyleOps.SQRT2);
    }

    private SDVariable rawWeight(int k, long a, long b) {
        return ops.rawParameter(key + "/W", ParameterInit.normal(1), k, k, a, b);
    }

    /**
     * The gradients of a scalar L with respect to this layer's input and its w, given ∂L/∂output (after
     * {@link #forward}):
     * <pre>
     *   g_h = g·lrelu'(h);  g_d = Σ_pixels g_h·conv(x·s, W);  g_xs = convᵀ(g_h·d)
     *   g_x = g_xs·s;  g_s = Σ_pixels g_xs·x − s·((g_d·d³)·Σ_k W²ᵀ);  g_w = g_s·(A/√dim(w))ᵀ
     * </pre>
     *
     * @param g ∂L/∂output
     * @return {∂L/∂input, ∂L/∂w}
     */
    SDVariable[] backward(SDVariable g) {
        SDVariable gScaled;
        SDVariable gStyle;
        if (kind == Kind.TO_RGB) {
            gScaled = ops.deconv(g, weight, 1, 1, 0);
            gStyle = inputDot(gScaled).mul(1 / Math.sqrt(in));
            SDVariable gx = ops.scaleMaps(gScaled, style.mul(1 / Math.sqrt(in)), in);
            return new SDVariable[] {gx, gStyle.mmul(affine.permute(1, 0))};
        }
        SDVariable gh = g.mul(ops.lreluSlope(preActivation, StyleOps.SQRT2));
        SDVariable gd = ops.mapDot(gh, convolved);
        SDVariable gConv = ops.scaleMaps(gh, demodulation, out);
        gScaled = kind == Kind.CONV ? ops.deconv(gConv, weight, 3, 1, 1)
                : ops.conv(ops.blurAfterUpAdjoint(gConv, out, size), weight, 3, 2, 0);
        SDVariable cube = demodulation.mul(demodulation).mul(demodulation);
        gStyle = inputDot(gScaled).sub(style.mul(gd.mul(cube).mmul(squares.permute(1, 0))));
        SDVariable gx = ops.scaleMaps(gScaled, style, in);
        return new SDVariable[] {gx, gStyle.mmul(affine.permute(1, 0))};
    }

    private SDVariable inputDot(SDVariable gScaled) {
        return sharedInput ? StyleOps.pixelSum(gScaled.mul(x)) : ops.mapDot(gScaled, x);
    }
}
