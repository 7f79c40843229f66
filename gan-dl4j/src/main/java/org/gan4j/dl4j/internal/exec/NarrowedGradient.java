package org.gan4j.dl4j.internal.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A backward op of which a plan reads only one output, replaced by the forward-style op that computes that output
 * alone. libnd4j's {@code conv2d_bp} and {@code matmul_bp} always compute the gradients of every input; a generator
 * phase needs only the discriminator's input gradients (its weight gradients are thrown away, as PyTorch's
 * {@code loss_g.backward()} computes and then ignores them), and a dense first layer needs only its weight gradient.
 *
 * <ul>
 *   <li>{@code conv2d_bp}(x, W[, b], g) → ∂L/∂x only: {@code deconv2d}(g, W), the transposed convolution with the same
 *       kernel array ([kH, kW, C_in, C_out] is deconv2d's [kH, kW, out, in] layout), same strides and padding.
 *       Only where that reproduces the input's shape ((size + 2·padding − kernel) a multiple of the stride), without
 *       dilation or "same" mode; otherwise the op runs unchanged.</li>
 *   <li>{@code matmul_bp}(x, W, g) of a plain product (no transposes, rank 2) → ∂L/∂x = g·Wᵀ or ∂L/∂W = xᵀ·g.</li>
 * </ul>
 */
final class NarrowedGradient {
    private NarrowedGradient() {
    }

    /**
     * @param op       a scheduled op
     * @param args     its input arrays
     * @param consumed every variable some scheduled op reads or the plan returns
     * @return the replacement bound to a context, its output already allocated, or empty to run the op as it is
     */
    static Optional<Bound> of(DifferentialFunction op, INDArray[] args, Set<String> consumed) {
        if (!(op instanceof DynamicCustomOp custom)) {
            return Optional.empty();
        }
        String[] outs = op.outputVariablesNames();
        List<Integer> used = java.util.stream.IntStream.range(0, outs.length).filter(i -> consumed.contains(outs[i]))
                .boxed().toList();
        if (used.size() != 1 || outs.length < 2) {
            return Optional.empty();
        }
        int wanted = used.get(0);
        return switch (op.opName()) {
            case "conv2d_bp" -> wanted == 0 ? inputGradientOfConv(custom, args, outs[0]) : Optional.empty();
            case "matmul_bp" -> gradientOfProduct(custom, args, wanted, outs[wanted]);
            default -> Optional.empty();
        };
    }

    /**
     * @param op      the op that runs instead
     * @param context its arguments and output
     * @param output  the output array
     * @param name    the variable it holds
     */
    record Bound(DynamicCustomOp op, OpContext context, INDArray output, String name) {
    }

    private static Optional<Bound> inputGradientOfConv(DynamicCustomOp conv, INDArray[] args, String name) {
        long[] i = conv.iArgs();
        if (i.length < 11 || i[6] != 1 || i[7] != 1 || i[8] != 0 || args.length < 3) {
            return Optional.empty();
        }
        INDArray x = args[0];
        INDArray w = args[1];
        INDArray g = args[args.length - 1];
        DynamicCustomOp deconv = DynamicCustomOp.builder("deconv2d").build();
        return bind(deconv, new INDArray[] {g, w}, Arrays.copyOf(i, 11), x, name);
    }

    private static Optional<Bound> gradientOfProduct(DynamicCustomOp matmul, INDArray[] args, int wanted, String name) {
        long[] i = matmul.iArgs();
        boolean plain = Arrays.stream(i).allMatch(v -> v == 0) && matmul.tArgs().length == 0;
        if (!plain || args.length != 3 || args[0].rank() != 2 || args[1].rank() != 2) {
            return Optional.empty();
        }
        INDArray x = args[0];
        INDArray w = args[1];
        INDArray g = args[2];
        long[] transposes = wanted == 0 ? new long[] {0, 1, 0} : new long[] {1, 0, 0};
        INDArray[] inputs = wanted == 0 ? new INDArray[] {g, w} : new INDArray[] {x, g};
        DynamicCustomOp product = DynamicCustomOp.builder("matmul").build();
        return bind(product, inputs, transposes, wanted == 0 ? x : w, name);
    }

    /** Binds the op if its output has the shape of {@code like} (the input whose gradient it computes). */
    private static Optional<Bound> bind(DynamicCustomOp op, INDArray[] inputs, long[] iArgs, INDArray like, String name) {
        long[] expected = like.shape();
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setArgs(inputs, iArgs, new org.nd4j.linalg.api.buffer.DataType[0], new double[0], new boolean[0]);
        List<LongShapeDescriptor> shapes = op.calculateOutputShape(context);
        if (shapes == null || shapes.size() != 1 || !Arrays.equals(shapes.get(0).getShape(), expected)) {
            return Optional.empty();
        }
        INDArray out = Nd4j.create(like.dataType(), expected);
        context.setOutputArray(0, out);
        return Optional.of(new Bound(op, context, out, name));
    }
}
