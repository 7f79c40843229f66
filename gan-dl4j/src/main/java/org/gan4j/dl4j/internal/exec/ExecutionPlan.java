package org.gan4j.dl4j.internal.exec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gan4j.dl4j.internal.ops.FusedOp;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff graph compiled into a fixed schedule: the ops that the requested variables need, in dependency order,
 * each with an op context whose input and output arrays are allocated on the first run and reused by every later run.
 * A run then only copies the placeholders in and executes the ops; nothing is allocated, shape-inferred or tracked.
 *
 * <p>This mirrors what SameDiff's {@code InferenceSession} does per op (argument binding, output-shape inference,
 * identity pass-through, legacy reduce axes and scalar operands) once instead of every step. It requires fixed
 * placeholder shapes and a graph without control flow; {@link OpSchedule#unsupportedOp} says whether a graph qualifies.
 */
public final class ExecutionPlan {
    private final SameDiff graph;
    private final List<SameDiffOp> schedule;
    private final List<String> placeholderNames;
    private final List<String> requested;
    private final int earlyCount;
    private final String early;
    private int compiledCount;
    private boolean earlyDone;
    private final Map<String, INDArray> arrays = new HashMap<>();
    private final Map<String, INDArray> placeholders = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<INDArray> owned = new ArrayList<>();
    private final Set<String> consumed = new HashSet<>();
    private final StepDependencies dependencies = new StepDependencies();
    private boolean twoLanes;
    private TwoLanes lanes;
    private boolean released;
    private Map<String, INDArray> results;

    /** An op bound to its arrays; {@code kind} names what runs (for profiles), {@code op} is the graph's op. */
    private record Step(DifferentialFunction op, String kind, Runnable work) {
        void run() {
            work.run();
        }

        static Step of(DifferentialFunction op, OpContext context) {
            if (op instanceof CustomOp custom) {
                return running(op, op.opName(), custom, context);
            }
            return new Step(op, op.opName(), () -> Nd4j.exec((Op) op, context));
        }

        static Step running(DifferentialFunction op, String kind, CustomOp runs, OpContext context) {
            return new Step(op, kind, () -> Nd4j.exec(runs, context));
        }
    }

    /**
     * @param graph     the graph whose ops are run (for gradients: the graph's gradient function)
     * @param requested the variables a run returns
     */
    public ExecutionPlan(SameDiff graph, Collection<String> requested) {
        this(graph, requested, Map.of(), null);
    }

    /**
     * @param graph     the graph whose ops are run (for gradients: the graph's gradient function)
     * @param requested the variables a run returns
     * @param injected  variables whose values another plan computes, by reference: the ops producing them are not
     *                  run, and every run reads the arrays as they are then
     * @param early     a variable that {@link #runEarly} computes before the rest of the graph, or null
     */
    public ExecutionPlan(SameDiff graph, Collection<String> requested, Map<String, INDArray> injected, String early) {
        this.graph = graph;
        this.requested = List.copyOf(requested);
        this.arrays.putAll(injected);
        List<SameDiffOp> all = OpSchedule.of(graph, this.requested, injected.keySet());
        if (early == null) {
            this.schedule = all;
            this.earlyCount = 0;
        } else {
            List<SameDiffOp> first = OpSchedule.of(graph, List.of(early), injected.keySet());
            Set<String> firstNames = new HashSet<>();
            first.forEach(o -> firstNames.add(o.getName()));
            List<SameDiffOp> ordered = new ArrayList<>(first);
            all.stream().filter(o -> !firstNames.contains(o.getName())).forEach(ordered::add);
            this.schedule = ordered;
            this.earlyCount = first.size();
        }
        this.early = early;
        Set<String> used = new java.util.LinkedHashSet<>();
        consumed.addAll(this.requested);
        for (SameDiffOp sdo : schedule) {
            for (String in : sdo.getInputsToOp() == null ? List.<String>of() : sdo.getInputsToOp()) {
                consumed.add(in);
                if (graph.getVariable(in).isPlaceHolder() && !injected.containsKey(in)) {
                    used.add(in);
                }
            }
        }
        this.placeholderNames = List.copyOf(used);
    }

    /**
     * Computes outputs and parameter gradients of a graph once, from a plan (for checks and tests; training keeps
     * its plans). Creates the gradient function when missing, with the first output as the loss if the graph has none.
     *
     * @param graph      the graph
     * @param feed       its placeholders
     * @param outputs    the outputs wanted
     * @param parameters the parameters whose gradients are wanted (those the loss does not depend on are left out)
     * @return copies of the outputs and gradients
     */
    public static org.nd4j.autodiff.samediff.api.OutAndGrad outputsAndGradients(SameDiff graph, Map<String, INDArray> feed,
            List<String> outputs, Collection<String> parameters) {
        if (graph.getFunction("grad") == null) {
            if (graph.getLossVariables().isEmpty()) {
                graph.setLossVariables(outputs.get(0));
            }
            Stdout.silenced(() -> {
                graph.createGradFunction();
                return null;
            });
        }
        List<String> requested = new ArrayList<>(outputs);
        Map<String, String> gradientNames = new LinkedHashMap<>();
        for (String p : parameters) {
            SDVariable g = graph.getVariable(p).getGradient();
            if (g != null) {
                gradientNames.put(p, g.name());
                requested.add(g.name());
            }
        }
        Map<String, INDArray> out = new ExecutionPlan(graph.getFunction("grad"), requested).run(feed);
        Map<String, INDArray> outs = new LinkedHashMap<>();
        outputs.forEach(o -> outs.put(o, out.get(o).dup()));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        gradientNames.forEach((p, g) -> grads.put(p, out.get(g).dup()));
        return new org.nd4j.autodiff.samediff.api.OutAndGrad(outs, grads);
    }

    /**
     * Lets the plan run its steps on two threads, one op thread each, when its graph splits into two independent
     * halves ({@link TwoLanes}); every result is then that of ops run on one thread. Before the first run; plans with
     * an early variable run one step after the other.
     */
    public void runInTwoLanes() {
        if (compiledCount > 0) {
            throw new IllegalStateException("runInTwoLanes must be called before the plan's first run");
        }
        StepDependencies graphSteps = StepDependencies.ofSchedule(schedule);
        twoLanes = early == null && TwoLanes.splits(graphSteps.runs(), graphSteps.toArray());
    }

    /** @return whether runs go through two lanes, one op thread each */
    public boolean inTwoLanes() {
        return twoLanes;
    }

    /**
     * Runs the schedule. The returned arrays belong to the plan and are overwritten by the next run.
     *
     * @param feed an array for every placeholder the requested variables need, of the same shape on every run
     * @return the requested variables' values
     */
    public Map<String, INDArray> run(Map<String, INDArray> feed) {
        if (!earlyDone) {
            runEarly(feed);
        }
        earlyDone = false;
        execute(earlyCount, schedule.size());
        if (results == null) {
            results = collectResults();
        }
        return results;
    }

    /**
     * Runs the ops that the early variable needs (the first part of a run); {@link #run} then runs the rest.
     *
     * @param feed an array for every placeholder the plan uses
     * @return the early variable's array (the plan's own, overwritten by the next run)
     */
    public INDArray runEarly(Map<String, INDArray> feed) {
        if (released) {
            throw new IllegalStateException("this plan was released and cannot run again");
        }
        bindPlaceholders(feed);
        execute(0, earlyCount);
        earlyDone = true;
        return early == null ? null : arrays.get(early);
    }

    private void bindPlaceholders(Map<String, INDArray> feed) {
        for (String name : placeholderNames) {
            INDArray given = feed.get(name);
            if (given == null) {
                throw new IllegalArgumentException("placeholder " + name + " was not fed");
            }
            INDArray own = placeholders.get(name);
            if (own == null) {
                own = given.dup();
                owned.add(own);
                placeholders.put(name, own);
                arrays.put(name, own);
            } else if (given != own) {
                if (!java.util.Arrays.equals(given.shape(), own.shape())) {
                    throw new IllegalArgumentException("placeholder " + name + " has shape "
                            + java.util.Arrays.toString(given.shape()) + "; this plan was compiled for "
                            + java.util.Arrays.toString(own.shape()));
                }
                own.assign(given);
            }
        }
    }

    private void execute(int from, int to) {
        if (compiledCount < to) {
            if (twoLanes) {
                try (OneThreadPerCaller ignored = OneThreadPerCaller.enter()) {
                    compileAndRun(from, to);
                }
                Runnable[] work = steps.stream().map(s -> s == null ? null : (Runnable) s::run).toArray(Runnable[]::new);
                lanes = new TwoLanes(work, dependencies.toArray());
            } else {
                compileAndRun(from, to);
            }
            return;
        }
        if (lanes != null && from == 0 && to == steps.size()) {
            lanes.run();
            return;
        }
        for (int i = from; i < to; i++) {
            Step s = steps.get(i);
            if (s != null && OpProfile.ENABLED) {
                long t = System.nanoTime();
                s.run();
                OpProfile.record(s.kind, s.op, System.nanoTime() - t);
            } else if (s != null) {
                s.run();
            }
        }
    }

    /** The first run: each op is bound once the ops before it have run (some shapes depend on values). */
    private void compileAndRun(int from, int to) {
        for (int i = from; i < to; i++) {
            if (i >= compiledCount) {
                compileNext();
            }
            Step s = steps.get(i);
            if (s != null) {
                s.run();
            }
        }
    }

    /** Binds the next op of the schedule to arrays and records what it reads. */
    private void compileNext() {
        SameDiffOp sdo = schedule.get(compiledCount++);
        compile(sdo);
        DifferentialFunction op = sdo.getOp();
        dependencies.record(steps.get(steps.size() - 1) == null, op.argNames(), op.outputVariablesNames());
    }

    /** Binds an op to arrays (allocating its outputs); identities and reshapes bound as views become null steps. */
    private void compile(SameDiffOp sdo) {
        DifferentialFunction op = sdo.getOp();
        INDArray[] args = arguments(op);
        if (op instanceof Identity) {
            arrays.put(op.outputVariablesNames()[0], args[0]);
            steps.add(null);
            return;
        }
        if (op instanceof FusedOp fused) {
            List<long[]> shapes = fused.outputShapes(args);
            String[] outNames = op.outputVariablesNames();
            INDArray[] outs = new INDArray[outNames.length];
            for (int i = 0; i < outs.length; i++) {
                outs[i] = Nd4j.create(graph.getVariable(outNames[i]).dataType(), shapes.get(i));
                owned.add(outs[i]);
                arrays.put(outNames[i], outs[i]);
            }
            steps.add(new Step(op, op.opName(), fused.bind(args, outs)));
            return;
        }
        java.util.Optional<INDArray> view = ReshapeView.of(op, args, graph);
        if (view.isPresent()) {
            arrays.put(op.outputVariablesNames()[0], view.get());
            steps.add(null);
            return;
        }
        java.util.Optional<NarrowedGradient.Bound> narrowed = NarrowedGradient.of(op, args, consumed);
        if (narrowed.isPresent()) {
            NarrowedGradient.Bound b = narrowed.get();
            owned.add(b.output());
            arrays.put(b.name(), b.output());
            steps.add(Step.running(op, b.op().opName() + " for " + op.opName(), b.op(), b.context()));
            return;
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
                INDArray out = LegacyBinding.allocate(shapes.get(i), graph.getVariable(outNames[i]).dataType());
                owned.add(out);
                context.setOutputArray(i, out);
                arrays.put(outNames[i], out);
            }
        } else {
            INDArray out = LegacyBinding.bind((BaseOp) op, args, context);
            owned.add(out);
            arrays.put(op.outputVariablesNames()[0], out);
        }
        steps.add(Step.of(op, context));
    }

    /**
     * Frees the arrays the plan allocated (op outputs and its copies of the placeholders) at once rather than when
     * the garbage collector finalises them; the graph's variables and injected arrays are not touched. The plan must
     * not run again.
     */
    public void release() {
        for (INDArray a : owned) {
            if (a.closeable()) {
                a.close();
            }
        }
        owned.clear();
        steps.clear();
        released = true;
    }

    /** @return what each compiled step runs ({@code deconv2d for conv2d_bp} where a gradient was narrowed), in order */
    List<String> stepKinds() {
        return steps.stream().filter(java.util.Objects::nonNull).map(Step::kind).toList();
    }

    private Map<String, INDArray> collectResults() {
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
        return java.util.Collections.unmodifiableMap(out);
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
}
