package org.gan4j.dl4j.internal.ops;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization in training mode: {@link BatchNormForward} for float arrays, otherwise two native ops,
 * {@code moments} (batch mean and biased variance per channel) and {@code batchnorm} (y = γ·(x − μ)/√(σ² + ε) + β);
 * outputs y, μ and σ² (the latter two in the shape of γ, for the running statistics). Its gradient is {@link Gradient}: libnd4j's {@code batchnorm_bp}, which differentiates through
 * the batch statistics (∂L/∂x = γ/(N√(σ²+ε))·(N·g − Σg − x̂·Σ g·x̂)), computed by {@link BatchNormBackward} for
 * float arrays. Ioffe &amp; Szegedy, "Batch Normalization", 2015.
 */
public final class FusedBatchNorm extends FusedOp {
    static {
        register(new FusedBatchNorm());
        register(new Gradient());
    }

    /** For SameDiff's graph copies. */
    public FusedBatchNorm() {
    }

    /**
     * @param sd      the graph
     * @param x       the input, [N, C] or [N, C, H, W]
     * @param gamma   the scale, [1, C] or [1, C, 1, 1]
     * @param beta    the shift, same shape
     * @param epsilon ε
     */
    public FusedBatchNorm(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta, double epsilon) {
        super(sd, new SDVariable[] {x, gamma, beta});
        addTArgument(epsilon);
    }

    @Override
    public String opName() {
        return "gan4j_batch_norm";
    }

    @Override
    protected int outputCount() {
        return 3;
    }

    @Override
    public List<long[]> outputShapes(INDArray[] in) {
        return List.of(in[0].shape(), in[1].shape(), in[1].shape());
    }

    @Override
    public Runnable bind(INDArray[] in, INDArray[] out) {
        if (floatContiguous(in[0], in[1], in[2], out[0], out[1], out[2])) {
            return new BatchNormForward(in, out, tArgs()[0]);
        }
        INDArray x = in[0];
        long c = x.size(1);
        int[] dims = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
        INDArray mean = out[1].reshape(c);
        INDArray var = out[2].reshape(c);
        DynamicCustomOp moments = DynamicCustomOp.builder("moments").addInputs(x).addOutputs(mean, var)
                .addIntegerArguments(dims).build();
        DynamicCustomOp normalize = DynamicCustomOp.builder("batchnorm")
                .addInputs(x, mean, var, in[1].reshape(c), in[2].reshape(c)).addOutputs(out[0])
                .addIntegerArguments(1, 1, 1).addFloatingPointArguments(tArgs()[0]).build();
        return prepared(moments, normalize);
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable[] outs = outputVariables();
        SDVariable[] args = args();
        SDVariable[] g = new Gradient(sameDiff, args[0], outs[1], outs[2], args[1], args[2], gradients.get(0), tArgs()[0])
                .outputVariables();
        return List.of(g[0], g[1], g[2]);
    }

    /** The gradient of {@link FusedBatchNorm}: outputs ∂L/∂x, ∂L/∂γ and ∂L/∂β. */
    public static final class Gradient extends FusedOp {

        /** For SameDiff's graph copies. */
        public Gradient() {
        }

        Gradient(SameDiff sd, SDVariable x, SDVariable mean, SDVariable var, SDVariable gamma, SDVariable beta,
                 SDVariable grad, double epsilon) {
            super(sd, new SDVariable[] {x, mean, var, gamma, beta, grad});
            addTArgument(epsilon);
        }

        @Override
        public String opName() {
            return "gan4j_batch_norm_bp";
        }

        @Override
        protected int outputCount() {
            return 3;
        }

        @Override
        public List<long[]> outputShapes(INDArray[] in) {
            return List.of(in[0].shape(), in[3].shape(), in[3].shape());
        }

        @Override
        public Runnable bind(INDArray[] in, INDArray[] out) {
            if (floatContiguous(in[0], in[1], in[2], in[3], in[5], out[0], out[1], out[2])) {
                return new BatchNormBackward(in, out, tArgs()[0]);
            }
            long c = in[0].size(1);
            INDArray meanGrad = Nd4j.create(in[0].dataType(), c);
            INDArray varGrad = Nd4j.create(in[0].dataType(), c);
            DynamicCustomOp bp = DynamicCustomOp.builder("batchnorm_bp")
                    .addInputs(in[0], in[1].reshape(c), in[2].reshape(c), in[3].reshape(c), in[4].reshape(c), in[5])
                    .addOutputs(out[0], meanGrad, varGrad, out[1].reshape(c), out[2].reshape(c))
                    .addIntegerArguments(1, 1, 1).addFloatingPointArguments(tArgs()[0]).build();
            return prepared(bp);
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradients) {
            throw new UnsupportedOperationException("second derivatives of batch norm are not supported");
        }
    }
}
