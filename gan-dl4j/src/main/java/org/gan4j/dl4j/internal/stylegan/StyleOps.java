package org.gan4j.dl4j.internal.stylegan;

import org.gan4j.ParameterInit;
import org.gan4j.dl4j.internal.graph.GraphParameters;
import org.gan4j.dl4j.internal.ops.ChannelDot;
import org.gan4j.dl4j.internal.ops.ChannelScale;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pieces every StyleGAN2 layer of one graph shares (NVlabs/stylegan2-ada-pytorch {@code torch_utils/ops}):
 * equalized-learning-rate parameters, leaky ReLU 0.2 with gain √2 and its mask, the [1, 3, 3, 1] FIR filter
 * ({@code upfirdn2d}) applied channel by channel, convolutions (NCHW; weights [k, k, in, out]) and transposed
 * convolutions (weights [k, k, out, in]) — each with the adjoint the hand-written input gradients use. In graphs
 * that run from compiled plans, per-map scales and per-map inner products are gan4j's fused ops.
 */
final class StyleOps {
    /** The slope of leaky ReLU for negative inputs. */
    static final double ALPHA = 0.2;
    /** The gain after leaky ReLU (bias_act's default for 'lrelu'). */
    static final double SQRT2 = Math.sqrt(2);
    /** Added to squared sums under a square root. */
    static final double EPSILON = 1e-8;

    private final GraphParameters params;
    private final DataType type;
    private final boolean fused;

    /**
     * @param params the network's variables in the graph
     * @param type   the graph's floating-point type
     * @param fused  whether the graph may hold gan4j's fused ops (it runs from compiled plans only)
     */
    StyleOps(GraphParameters params, DataType type, boolean fused) {
        this.params = params;
        this.type = type;
        this.fused = fused;
    }

    SameDiff graph() {
        return params.graph();
    }

    DataType type() {
        return type;
    }

    /**
     * A weight stored as N(0, 1)/lrMul draws and used as W·lrMul/√fanIn (the equalized learning rate).
     *
     * @return the scaled weight
     */
    SDVariable weight(String key, double lrMul, long fanIn, long... shape) {
        return params.parameter(key, ParameterInit.normal(1.0 / lrMul), shape).mul(lrMul / Math.sqrt(fanIn));
    }

    /** @return a parameter used as stored */
    SDVariable rawParameter(String key, ParameterInit init, long... shape) {
        return params.parameter(key, init, shape);
    }

    /** @return a bias initialised to {@code init}, used as b·lrMul */
    SDVariable bias(String key, double init, double lrMul, long size) {
        SDVariable b = params.parameter(key, ParameterInit.constant(init), size);
        return lrMul == 1 ? b : b.mul(lrMul);
    }

    /** @return a trainable scalar (shape [1]) initialised to {@code init} */
    SDVariable scalar(String key, double init) {
        return params.parameter(key, ParameterInit.constant(init), 1);
    }

    /** @return leaky ReLU 0.2 of h times the gain */
    SDVariable lrelu(SDVariable h, double gain) {
        return graph().nn.leakyRelu(h, ALPHA).mul(gain);
    }

    /** @return the derivative of {@link #lrelu} at h: gain where h &gt; 0, else 0.2·gain (PyTorch's value at 0) */
    SDVariable lreluSlope(SDVariable h, double gain) {
        return h.gt(0.0).castTo(type).mul((1 - ALPHA) * gain).add(ALPHA * gain);
    }

    /**
     * The [1, 3, 3, 1] filter along one axis as a matrix M [in, out] with y = x·M: a correlation with padding p and
     * stride s (out[j] = Σ_t f_t·x[j·s + t − p]), or its transpose, the transposed convolution (zero insertion).
     * The 2-D filter is separable (f ⊗ f/64 times the gain), so one matrix per axis applies it exactly: two matrix
     * products instead of a 1-channel convolution per map, whose gradient kernels are slow.
     */
    private SDVariable axisMatrix(long in, long out, int stride, int padding, double gain, boolean transposed) {
        double[] f = {1, 3, 3, 1};
        long rows = transposed ? out : in;
        long cols = transposed ? in : out;
        double[] m = new double[(int) (in * out)];
        double scale = Math.sqrt(gain) / 8;
        for (long j = 0; j < cols; j++) {
            for (int t = 0; t < 4; t++) {
                long i = j * stride + t - padding;
                if (i >= 0 && i < rows) {
                    int index = (int) (transposed ? j * out + i : i * out + j);
                    m[index] += f[t] * scale;
                }
            }
        }
        return graph().constant(Nd4j.create(m, new long[] {in, out}, type));
    }

    /** Applies M [in, out] along both spatial axes of x [b, c, in, in]. */
    private SDVariable separable(SDVariable x, long c, long in, long out, SDVariable m) {
        SDVariable rows = x.reshape(-1, in).mmul(m).reshape(-1, in, out).permute(0, 2, 1);
        return rows.reshape(-1, in).mmul(m).reshape(-1, out, out).permute(0, 2, 1).reshape(-1, c, out, out);
    }

    /**
     * upfirdn2d.upsample2d: zeros between samples, the FIR filter with gain 4 ([c, h, w] → [c, 2h, 2w]); a 4×4
     * transposed convolution, stride 2, padding 1, of each channel.
     */
    SDVariable upsample(SDVariable x, long c, long h) {
        return separable(x, c, h, 2 * h, axisMatrix(h, 2 * h, 2, 1, 4, true));
    }

    /** The adjoint of {@link #upsample}: [c, 2h, 2w] → [c, h, w]. */
    SDVariable upsampleAdjoint(SDVariable g, long c, long h) {
        return separable(g, c, 2 * h, h, axisMatrix(2 * h, h, 2, 1, 4, false));
    }

    /** The filter after an upsampling transposed convolution: gain 4, padding 1 ([c, 2h+1] → [c, 2h]). */
    SDVariable blurAfterUp(SDVariable x, long c, long h2) {
        return separable(x, c, h2 + 1, h2, axisMatrix(h2 + 1, h2, 1, 1, 4, false));
    }

    /** The adjoint of {@link #blurAfterUp}: [c, 2h] → [c, 2h+1]. */
    SDVariable blurAfterUpAdjoint(SDVariable g, long c, long h2) {
        return separable(g, c, h2, h2 + 1, axisMatrix(h2, h2 + 1, 1, 1, 4, true));
    }

    /** The filter before a downsampling 3×3 convolution: gain 1, padding 2 ([c, h] → [c, h+1]). */
    SDVariable blurBeforeDown(SDVariable x, long c, long h) {
        return separable(x, c, h, h + 1, axisMatrix(h, h + 1, 1, 2, 1, false));
    }

    /** The adjoint of {@link #blurBeforeDown}: [c, h+1] → [c, h]. */
    SDVariable blurBeforeDownAdjoint(SDVariable g, long c, long h) {
        return separable(g, c, h + 1, h, axisMatrix(h + 1, h, 1, 2, 1, true));
    }

    /** upfirdn2d with down = 2, padding 1: the FIR filter, every second sample ([c, h] → [c, h/2]). */
    SDVariable downsample(SDVariable x, long c, long h) {
        return separable(x, c, h, h / 2, axisMatrix(h, h / 2, 2, 1, 1, false));
    }

    /** The adjoint of {@link #downsample}: [c, h/2] → [c, h]. */
    SDVariable downsampleAdjoint(SDVariable g, long c, long h) {
        return separable(g, c, h / 2, h, axisMatrix(h / 2, h, 2, 1, 1, true));
    }

    /** @return the convolution of x (NCHW) with w [k, k, in, out] */
    SDVariable conv(SDVariable x, SDVariable w, int k, int stride, int padding) {
        return graph().cnn.conv2d(x, w, Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(padding).pW(padding)
                .dataFormat("NCHW").build());
    }

    /** @return the transposed convolution of x with w [k, k, out, in]: the adjoint of {@link #conv} with w */
    SDVariable deconv(SDVariable x, SDVariable w, int k, int stride, int padding) {
        return graph().cnn.deconv2d(x, w, DeConv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(padding)
                .pW(padding).dataFormat("NCHW").build());
    }

    /** @return x [b, c, h, w] times v [b, c] broadcast over the pixels */
    static SDVariable perMap(SDVariable x, SDVariable v, long c) {
        return x.mul(v.reshape(-1, c, 1, 1));
    }

    /** @return x [b, c, h, w] times v [b, c] broadcast over the pixels, x with a batch of its own */
    SDVariable scaleMaps(SDVariable x, SDVariable v, long c) {
        return fused ? new ChannelScale(graph(), x, v).outputVariable() : perMap(x, v, c);
    }

    /** @return Σ over the pixels of a·b, both [b, c, h, w]: [b, c] */
    SDVariable mapDot(SDVariable a, SDVariable b) {
        return fused ? new ChannelDot(graph(), a, b).outputVariable() : pixelSum(a.mul(b));
    }

    /** @return Σ over the pixels of x [b, c, h, w]: [b, c] */
    static SDVariable pixelSum(SDVariable x) {
        return x.sum(false, 2, 3);
    }

    /** @return b [c] added to every pixel of x [b, c, h, w] */
    static SDVariable addBias(SDVariable x, SDVariable b, long c) {
        return x.add(b.reshape(1, c, 1, 1));
    }
}
