package org.gan4j.dl4j.internal.ops;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stride-1 "same" convolution C → 1 (odd kernel k, padding (k − 1)/2: the last layer of an image-to-image
 * translator, the patch scores of a PatchGAN), run natively forward, with gradients through the single-channel
 * side of {@link PatchOps} instead of oneDNN's backward kernels (about 2 ms per call on [8, 16, 28, 28] with a
 * 7×7 kernel at one thread). With y[p] = Σ_{u,c} W[u, c]·x_c[p + u − pad] over kernel offsets u:
 * <ul>
 *   <li>∂x_c[q] = Σ_u ∂y[q − u + pad]·W[u, c]: the convolution 1 → C of ∂y with the kernel flipped in both spatial
 *       axes ({@link PatchOps.Conv});</li>
 *   <li>∂W[u, c] = Σ_{n,p} ∂y[p]·x_c[p + u − pad] = R[k − 1 − u, c] with R = {@link PatchOps.Correlation}(∂y, x),
 *       which correlates the other way round.</li>
 * </ul>
 * iArgs: k, padding.
 */
public final class SameConvToOneChannel extends FusedOp {
    static {
        register(new SameConvToOneChannel());
    }

    /** For SameDiff's graph copies. */
    public SameConvToOneChannel() {
    }

    private SameConvToOneChannel(SameDiff sd, SDVariable x, SDVariable w, int kernel) {
        super(sd, new SDVariable[] {x, w});
        addIArgument(kernel, (kernel - 1) / 2);
    }

    /**
     * @param kernel  the kernel size
     * @param stride  the stride
     * @param padding the padding
     * @return whether the convolution has this op's geometry: odd kernel, stride 1, padding (k − 1)/2
     */
    public static boolean applies(int kernel, int stride, int padding) {
        return kernel % 2 == 1 && stride == 1 && 2 * padding == kernel - 1;
    }

    /**
     * @param x      the input [N, C, H, W]
     * @param w      the weights [k, k, C, 1]
     * @param bias   the bias [1], or null
     * @param kernel the kernel size k
     * @return the convolution [N, 1, H, W]
     */
    public static SDVariable apply(SDVariable x, SDVariable w, SDVariable bias, int kernel) {
        SDVariable y = new SameConvToOneChannel(x.getSameDiff(), x, w, kernel).outputVariable();
        return bias == null ? y : y.add(bias);
    }

    @Override
    public String opName() {
        return "gan4j_same_conv_to_one";
    }

    @Override
    protected int outputCount() {
        return 1;
    }

    @Override
    public List<long[]> outputShapes(INDArray[] in) {
        return List.of(new long[] {in[0].size(0), 1, in[0].size(2), in[0].size(3)});
    }

    @Override
    public Runnable bind(INDArray[] in, INDArray[] out) {
        int k = (int) iArgs()[0];
        int pad = (int) iArgs()[1];
        if (floatContiguous(in[0], in[1], out[0])) {
            return PatchKernels.scatter(in[0], in[1], 1, pad, true, out[0]);
        }
        DynamicCustomOp conv = DynamicCustomOp.builder("conv2d").addInputs(in[0], in[1]).addOutputs(out[0])
                .addIntegerArguments(k, k, 1, 1, pad, pad, 1, 1, 0, 0, 0).build();
        return prepared(conv);
    }

    /**
     * Flipping a k×k kernel in both axes reverses its k² positions (i, j) → k² − 1 − (i·k + j); as a product with
     * the reversal matrix, because libnd4j 1.0.0-M2.1's {@code reverse} op leaks about 3 KB of native memory per call.
     */
    private static INDArray reversal(int n, DataType type) {
        INDArray j = Nd4j.zeros(type, n, n);
        for (int i = 0; i < n; i++) {
            j.putScalar(i, n - 1 - i, 1.0);
        }
        return j;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable grad = gradients.get(0);
        SDVariable x = arg(0);
        SDVariable w = arg(1);
        int k = (int) iArgs()[0];
        int[] geometry = {k, 1, (int) iArgs()[1]};
        long[] shape = x.getShape();
        long height = shape == null ? -1 : shape[2];
        long width = shape == null ? -1 : shape[3];
        SDVariable flip = sameDiff.constant(reversal(k * k, w.dataType()));
        SDVariable flipped = flip.mmul(w.reshape(k * k, -1)).reshape(k, k, 1, -1);
        SDVariable dx = new PatchOps.Conv(sameDiff, grad, flipped, geometry, height, width).outputVariable();
        SDVariable correlation = new PatchOps.Correlation(sameDiff, grad, x, geometry).outputVariable();
        SDVariable dw = flip.mmul(correlation.reshape(k * k, -1)).reshape(k, k, -1, 1);
        return List.of(dx, dw);
    }
}
