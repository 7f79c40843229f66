package org.gan4j.dl4j.internal.exec;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.BaseReduceOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds a legacy op (transform, scalar, reduce) to an op context as SameDiff's session does per call: reduction axes
 * given as a second input become the op's dimensions, a scalar operand given as a second input its scalar.
 */
final class LegacyBinding {
    private LegacyBinding() {
    }

    /**
     * @param op      the op
     * @param args    its inputs
     * @param context the context to bind
     * @return the output array, allocated and bound
     */
    static INDArray bind(BaseOp op, INDArray[] args, OpContext context) {
        boolean axisArgument = false;
        if (op instanceof ReduceOp reduce && reduce.getOpType() != Op.Type.REDUCE3 && args.length == 2) {
            INDArray axis = args[1];
            if (axis.isEmpty()) {
                throw new IllegalStateException("op " + op.getOwnName() + ": empty reduction axes are not supported");
            }
            op.setDimensions(Shape.normalizeAxis(args[0].rank(), axis.toIntVector()));
            ((BaseReduceOp) op).setEmptyReduce(false);
            axisArgument = true;
        } else if (op instanceof ScalarOp scalar && args.length == 2) {
            scalar.setScalar(args[1]);
        }
        if (args.length > 0) {
            context.setInputArray(0, args[0]);
            if (args.length == 2 && !axisArgument) {
                context.setInputArray(1, args[1]);
            }
        }
        List<LongShapeDescriptor> shapes = op.calculateOutputShape(context);
        if (shapes == null || shapes.size() != 1) {
            throw new IllegalStateException("op " + op.getOwnName() + " (" + op.opName() + "): no output shape");
        }
        INDArray out = Nd4j.create(shapes.get(0));
        context.setOutputArray(0, out);
        return out;
    }

    /**
     * @param shape        the inferred output shape
     * @param variableType the graph variable's type
     * @return an array of the shape, in the variable's type
     */
    static INDArray allocate(LongShapeDescriptor shape, DataType variableType) {
        LongShapeDescriptor s = shape.dataType() == variableType ? shape : shape.asDataType(variableType);
        return Nd4j.create(s);
    }
}
