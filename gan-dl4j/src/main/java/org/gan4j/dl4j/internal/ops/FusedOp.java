package org.gan4j.dl4j.internal.ops;

import java.util.List;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A graph op that gan4j runs itself: several native ops on arrays fixed when an {@link ExecutionPlan} is compiled,
 * with a gradient that is again one fused op. SameDiff's own session cannot run these, so they are only put in graphs
 * that run from plans (under {@link org.gan4j.dl4j.Execution#COMPILED}).
 */
public abstract class FusedOp extends DynamicCustomOp {

    /**
     * @param sd   the graph
     * @param args the op's inputs
     */
    protected FusedOp(SameDiff sd, SDVariable[] args) {
        super(null, sd, args, false);
    }

    /** For SameDiff's copies of a graph (it clones ops through serialization and the no-argument constructor). */
    protected FusedOp() {
    }

    /**
     * Makes SameDiff able to copy graphs holding this op: it recreates ops by name (arguments travel as the op's
     * integer and floating-point arguments).
     *
     * @param prototype an instance of the op's class
     */
    protected static void register(FusedOp prototype) {
        org.nd4j.imports.converters.ImportClassMapping.getOpNameMapping().putIfAbsent(prototype.opName(), prototype);
    }

    @Override
    public java.util.Map<String, Object> propertiesForFunction() {
        return java.util.Map.of();
    }

    @Override
    public void setPropertiesForFunction(java.util.Map<String, Object> properties) {
    }

    /**
     * @param inputs the input arrays (of the first run)
     * @return the shapes of the outputs
     */
    public abstract List<long[]> outputShapes(INDArray[] inputs);

    /**
     * @param inputs  the input arrays, fixed for every run
     * @param outputs the output arrays, fixed for every run
     * @return what one run executes
     */
    public abstract Runnable bind(INDArray[] inputs, INDArray[] outputs);

    /**
     * Binds ops to op contexts built once, for a {@link #bind} to run. {@code Nd4j.exec(op)} without a context builds a
     * native context on every call and leaves it to the garbage collector: measured, 20,000 calls of a batch norm left
     * 50–110 MB of native garbage between collections, none with a context built once.
     *
     * @param ops custom ops, or legacy ops whose x, y and z are set (scalar and reduce ops keep their scalar and axes)
     * @return a run of all of them, in order
     */
    static Runnable prepared(DifferentialFunction... ops) {
        Runnable[] runs = new Runnable[ops.length];
        for (int i = 0; i < ops.length; i++) {
            DifferentialFunction function = ops[i];
            OpContext context = Nd4j.getExecutioner().buildContext();
            if (function instanceof DynamicCustomOp custom) {
                context.setArgs(custom.inputArguments().toArray(new INDArray[0]), custom.iArgs(), custom.dArgs(),
                        custom.tArgs(), custom.bArgs());
                List<INDArray> outs = custom.outputArguments();
                for (int k = 0; k < outs.size(); k++) {
                    context.setOutputArray(k, outs.get(k));
                }
                runs[i] = () -> Nd4j.exec(custom, context);
            } else {
                Op op = (Op) function;
                context.setInputArray(0, op.x());
                if (op.y() != null && !(op instanceof ScalarOp)) {
                    context.setInputArray(1, op.y());
                }
                context.setOutputArray(0, op.z());
                runs[i] = () -> Nd4j.exec(op, context);
            }
        }
        if (runs.length == 1) {
            return runs[0];
        }
        return () -> {
            for (Runnable r : runs) {
                r.run();
            }
        };
    }

    /**
     * @param target the array written
     * @param source the values, of the same shape (any strides)
     * @return the copy as an op, for {@link #prepared} ({@code INDArray.assign} runs one without a context each call)
     */
    static DynamicCustomOp assign(INDArray target, INDArray source) {
        return new org.nd4j.linalg.api.ops.impl.transforms.custom.Assign(new INDArray[] {target, source},
                new INDArray[] {target});
    }

    /**
     * @param a an array
     * @return whether it is c-ordered without gaps, so that reshaped views bound once share its memory
     */
    static boolean contiguous(INDArray a) {
        return a.ordering() == 'c' && (!a.isView() || a.elementWiseStride() == 1);
    }

    /**
     * @param arrays arrays
     * @return whether all are float and {@link #contiguous}, so that Java passes can read and write their memory
     */
    static boolean floatContiguous(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || !contiguous(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param op     the op's name, for the message
     * @param arrays arrays an op binds reshaped views of
     * @throws IllegalStateException naming the shape and strides of one that is not {@link #contiguous}
     */
    static void requireContiguous(String op, INDArray... arrays) {
        for (INDArray a : arrays) {
            if (!contiguous(a)) {
                throw new IllegalStateException(op + " needs contiguous c-order arrays but got one of shape "
                        + java.util.Arrays.toString(a.shape()) + " with strides " + java.util.Arrays.toString(a.stride()));
            }
        }
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
        return java.util.Collections.nCopies(outputCount(), dataTypes.get(0));
    }

    /** @return the number of outputs */
    protected abstract int outputCount();

    @Override
    public int getNumOutputs() {
        return outputCount();
    }
}
