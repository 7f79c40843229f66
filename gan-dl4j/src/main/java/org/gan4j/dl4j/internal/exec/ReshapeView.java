package org.gan4j.dl4j.internal.exec;

import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A c-order reshape of a contiguous c-order array, bound once as a view of it instead of run as libnd4j's
 * {@code reshape}, which copies on every call (230 calls took 8.5 ms of a 235 ms CycleGAN iteration in a profile). No
 * op of an {@link ExecutionPlan} writes into its inputs, so the view holds what the copy would have.
 */
final class ReshapeView {
    private ReshapeView() {
    }

    /**
     * @param op    an op of the plan
     * @param args  its bound inputs
     * @param graph the graph, for the output variable's type
     * @return the view that stands for the op's output, or empty when the op is not such a reshape
     */
    static Optional<INDArray> of(DifferentialFunction op, INDArray[] args, SameDiff graph) {
        if (!(op instanceof Reshape reshape) || args.length == 0) {
            return Optional.empty();
        }
        INDArray in = args[0];
        long[] iArgs = reshape.iArgs();
        boolean cOrder = iArgs.length == 0 || iArgs[0] == Reshape.C_ORDER;
        boolean contiguous = in.ordering() == 'c' && (!in.isView() || in.elementWiseStride() == 1);
        if (!cOrder || !contiguous || in.isEmpty()
                || graph.getVariable(op.outputVariablesNames()[0]).dataType() != in.dataType()) {
            return Optional.empty();
        }
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setArgs(args, iArgs, reshape.dArgs(), reshape.tArgs(), reshape.bArgs());
        List<LongShapeDescriptor> shapes = reshape.calculateOutputShape(context);
        if (shapes == null || shapes.size() != 1 || shapes.get(0).dataType() != in.dataType()) {
            return Optional.empty();
        }
        return Optional.of(in.reshape('c', shapes.get(0).getShape()));
    }
}
