package org.gan4j.dl4j.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.BaseReduceOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.custom.Invoke;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.BaseCompatOp;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.linalg.api.ops.impl.shape.CreateView;
import org.nd4j.linalg.api.ops.impl.shape.tensorops.BaseTensorOp;
import org.nd4j.linalg.api.ops.impl.transforms.Assert;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Assign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff graph compiled into a fixed schedule: the ops that the requested variables need, in dependency order,
 * each with an op context whose input and output arrays are allocated on the first run and reused by every later run.
 * A run then only copies the placeholders in and executes the ops; nothing is allocated, shape-inferred or tracked.
 *
 * <p>This mirrors what SameDiff's {@code InferenceSession} does per op (argument binding, output-shape inference,
 * identity pass-through, legacy reduce axes and scalar operands) once instead of every step. It requires fixed
 * placeholder shapes and a graph without control flow; {@link #supports} says whether a graph qualifies.
 */
public final class ExecutionPlan {
    private final SameDiff graph;
    private final List<SameDiffOp> schedule;
    private final List<String> placeholderNames;
    private final List<String> requested;
    private final Map<String, INDArray> arrays = new HashMap<>();
    private final Map<String, INDArray> placeholders = new LinkedHashMap<>();
    private Step[] steps;
    private Map<String, INDArray> results;

    private record Step(DifferentialFunction op, Runnable work) {
        void run() {
            work.run();
        }

        static Step of(DifferentialFunction op, OpContext context) {
            if (op instanceof CustomOp custom) {
                return new Step(op, () -> Nd4j.exec(custom, context));
            }
            return new Step(op, () -> Nd4j.exec((Op) op, context));
        }
    }

    /**
     * @param graph     the graph whose ops are run (for gradients: the graph's gradient function)
     * @param requested the variables a run returns
     */
    public ExecutionPlan(SameDiff graph, Collection<String> requested) {
        this.graph = graph;
        this.requested = List.copyOf(requested);
        this.schedule = schedule(graph, this.requested);
        List<String> ph = new ArrayList<>();
        for (SDVariable v : graph.variables()) {
            if (v.isPlaceHolder()) {
                ph.add(v.name());
            }
        }
        this.placeholderNames = List.copyOf(ph);
    }

    /**
     * @param graph     a graph
     * @param requested the variables a run would return
     * @return empty when every op those variables need can run from a fixed schedule, else the first op that cannot
     */
    public static Optional<String> unsupportedOp(SameDiff graph, Collection<String> requested) {
        for (SameDiffOp sdo : schedule(graph, List.copyOf(requested))) {
            DifferentialFunction op = sdo.getOp();
            boolean plain = op instanceof Identity || op instanceof DynamicCustomOp || op instanceof BaseOp;
            boolean special = op instanceof BaseCompatOp || op instanceof BaseTensorOp || op instanceof Invoke
                    || op instanceof ExternalErrorsFunction || op instanceof Assign || op instanceof CreateView
                    || op instanceof Assert;
            if (!plain || special || (sdo.getControlDeps() != null && !sdo.getControlDeps().isEmpty())) {
                return Optional.of(op.opName() + " (" + sdo.getName() + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the schedule. The returned arrays belong to the plan and are overwritten by the next run.
     *
     * @param feed an array for every placeholder the requested variables need, of the same shape on every run
     * @return the requested variables' values
     */
    public Map<String, INDArray> run(Map<String, INDArray> feed) {
        if (steps == null) {
            compile(feed);
            return results;
        }
        for (Map.Entry<String, INDArray> e : placeholders.entrySet()) {
            INDArray given = feed.get(e.getKey());
            if (given == null) {
                throw new IllegalArgumentException("placeholder " + e.getKey() + " was not fed");
            }
            if (given != e.getValue()) {
                if (!java.util.Arrays.equals(given.shape(), e.getValue().shape())) {
                    throw new IllegalArgumentException("placeholder " + e.getKey() + " has shape "
                            + java.util.Arrays.toString(given.shape()) + "; this plan was compiled for "
                            + java.util.Arrays.toString(e.getValue().shape()));
                }
                e.getValue().assign(given);
            }
        }
        if (OpProfile.ENABLED) {
            for (Step s : steps) {
                long t = System.nanoTime();
                s.run();
                OpProfile.record(s.op, System.nanoTime() - t);
            }
        } else {
            for (Step s : steps) {
                s.run();
            }
        }
        return results;
    }

    private void compile(Map<String, INDArray> feed) {
        for (String name : placeholderNames) {
            INDArray given = feed.get(name);
            if (given != null) {
                INDArray own = given.dup();
                placeholders.put(name, own);
                arrays.put(name, own);
            }
        }
        List<Step> compiled = new ArrayList<>();
        for (SameDiffOp sdo : schedule) {
            DifferentialFunction op = sdo.getOp();
            INDArray[] args = arguments(op);
            if (op instanceof Identity) {
                arrays.put(op.outputVariablesNames()[0], args[0]);
                continue;
            }
            if (op instanceof FusedOp fused) {
                List<long[]> shapes = fused.outputShapes(args);
                String[] outNames = op.outputVariablesNames();
                INDArray[] outs = new INDArray[outNames.length];
                for (int i = 0; i < outs.length; i++) {
                    outs[i] = Nd4j.create(graph.getVariable(outNames[i]).dataType(), shapes.get(i));
                    arrays.put(outNames[i], outs[i]);
                }
                Step step = new Step(op, fused.bind(args, outs));
                step.run();
                compiled.add(step);
                continue;
            }
            OpContext context = Nd4j.getExecutioner().buildContext();
            if (op instanceof DynamicCustomOp custom) {
                context.setArgs(args, custom.iArgs(), custom.dArgs(), custom.tArgs(), custom.bArgs());
                List<LongShapeDescriptor> shapes = custom.calculateOutputShape(context);
                String[] outNames = op.outputVariablesNames();
                if (shapes == null || shapes.size() != outNames.length) {
                    throw new IllegalStateException("op " + sdo.getName() + " (" + op.opName() + "): "
                            + (shapes == null ? 0 : shapes.size()) + " output shapes for " + outNames.length + " outputs");
                }
                for (int i = 0; i < outNames.length; i++) {
                    INDArray out = allocate(shapes.get(i), graph.getVariable(outNames[i]).dataType());
                    context.setOutputArray(i, out);
                    arrays.put(outNames[i], out);
                }
            } else {
                bindLegacy((BaseOp) op, args, context);
            }
            Step step = Step.of(op, context);
            step.run();
            compiled.add(step);
        }
        steps = compiled.toArray(new Step[0]);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : requested) {
            INDArray a = arrays.get(name);
            if (a == null) {
                a = graph.getArrForVarName(name);
            }
            if (a == null) {
                throw new IllegalStateException("variable " + name + " has no value after the first run");
            }
            out.put(name, a);
        }
        results = java.util.Collections.unmodifiableMap(out);
    }

    private void bindLegacy(BaseOp op, INDArray[] args, OpContext context) {
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
        arrays.put(op.outputVariablesNames()[0], out);
    }

    private static INDArray allocate(LongShapeDescriptor shape, DataType variableType) {
        LongShapeDescriptor s = shape.dataType() == variableType ? shape : shape.asDataType(variableType);
        return Nd4j.create(s);
    }

    private INDArray[] arguments(DifferentialFunction op) {
        String[] names = op.argNames();
        INDArray[] args = new INDArray[names == null ? 0 : names.length];
        for (int i = 0; i < args.length; i++) {
            String name = names[i];
            INDArray a = arrays.get(name);
            if (a == null) {
                SDVariable v = graph.getVariable(name);
                if (v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT) {
                    a = v.getArr();
                    arrays.put(name, a);
                } else if (v.isPlaceHolder()) {
                    throw new IllegalArgumentException("placeholder " + name + " was not fed");
                }
            }
            if (a == null) {
                throw new IllegalStateException("op " + op.getOwnName() + ": no array for input " + name);
            }
            args[i] = a;
        }
        return args;
    }

    /** The ops the requested variables depend on, each after the ops producing its inputs. */
    private static List<SameDiffOp> schedule(SameDiff graph, List<String> requested) {
        Map<String, SameDiffOp> ops = graph.getOps();
        Map<String, Variable> variables = graph.getVariables();
        List<SameDiffOp> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> entered = new HashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        for (String name : requested) {
            Variable v = variables.get(name);
            if (v == null) {
                throw new IllegalArgumentException("the graph has no variable " + name);
            }
            if (v.getOutputOfOp() != null) {
                stack.push(v.getOutputOfOp());
            }
            while (!stack.isEmpty()) {
                String opName = stack.peek();
                if (done.contains(opName)) {
                    stack.pop();
                    continue;
                }
                SameDiffOp sdo = ops.get(opName);
                if (entered.add(opName)) {
                    List<String> inputs = sdo.getInputsToOp();
                    if (inputs != null) {
                        for (String in : inputs) {
                            String producer = variables.get(in).getOutputOfOp();
                            if (producer != null && !done.contains(producer)) {
                                if (entered.contains(producer)) {
                                    throw new IllegalStateException("the graph has a cycle through " + producer);
                                }
                                stack.push(producer);
                            }
                        }
                    }
                } else {
                    stack.pop();
                    done.add(opName);
                    order.add(sdo);
                }
            }
        }
        return order;
    }
}
