package org.gan4j.dl4j.internal.exec;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs an inference graph through compiled {@link ExecutionPlan}s, for any number of concurrent callers. A plan's
 * arrays serve one run at a time, so the pool lends each caller an execution context of its own: a copy of the graph
 * (built by the factory over the same parameter arrays) with one plan per input shape seen, compiled on first use and
 * reused after. Callers do not wait for each other; contexts come back to the pool after each run, up to
 * {@code maxIdle} of them (one per core by default), and each keeps plans for its {@value #SHAPES_PER_CONTEXT} most
 * recent input shapes; what falls out is freed at once.
 *
 * <p>Parameters are read from the graph's variable arrays at every run, so in-place updates (training, EMA) show in
 * the next run; arrays replaced rather than updated do not.
 */
public final class InferencePool {
    /** Input shapes whose plans one context keeps (a plan holds every activation of its batch). */
    static final int SHAPES_PER_CONTEXT = 4;

    private final Supplier<SameDiff> graphs;
    private final List<String> outputs;
    private final int maxIdle;
    private final ConcurrentLinkedDeque<Context> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();

    /**
     * @param graphs  builds an independent copy of the inference graph over the shared parameters on each call
     * @param outputs the variables a run returns
     * @param maxIdle how many contexts to keep between runs, &gt;= 1
     */
    public InferencePool(Supplier<SameDiff> graphs, List<String> outputs, int maxIdle) {
        this.graphs = Objects.requireNonNull(graphs, "graphs == null");
        this.outputs = List.copyOf(outputs);
        if (maxIdle < 1) {
            throw new IllegalArgumentException("maxIdle must be >= 1 but was " + maxIdle);
        }
        this.maxIdle = maxIdle;
    }

    /**
     * @param graphs  builds an independent copy of the inference graph over the shared parameters on each call
     * @param outputs the variables a run returns
     * @return a pool keeping one idle context per available processor
     */
    public static InferencePool perCore(Supplier<SameDiff> graphs, List<String> outputs) {
        return new InferencePool(graphs, outputs, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param feed the placeholders' arrays
     * @return the requested outputs, copies the caller owns
     */
    public Map<String, INDArray> run(Map<String, INDArray> feed) {
        Context context = idle.pollFirst();
        if (context != null) {
            idleCount.decrementAndGet();
        } else {
            context = new Context(graphs.get());
            created.incrementAndGet();
        }
        Map<String, INDArray> result;
        try {
            Map<String, INDArray> own = context.plan(feed, outputs).run(feed);
            result = new LinkedHashMap<>();
            for (String name : outputs) {
                result.put(name, own.get(name).dup());
            }
        } catch (RuntimeException | Error e) {
            context.release();
            throw e;
        }
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.addFirst(context);
        } else {
            idleCount.decrementAndGet();
            context.release();
        }
        return result;
    }

    /** @return how many contexts (graph copies) the pool has built so far */
    public int contextsCreated() {
        return created.get();
    }

    /** One graph copy and its plans by input shape, used by one caller at a time. */
    private static final class Context {
        private final SameDiff graph;
        private final LinkedHashMap<String, ExecutionPlan> plans = new LinkedHashMap<>(8, 0.75f, true);

        Context(SameDiff graph) {
            this.graph = graph;
        }

        ExecutionPlan plan(Map<String, INDArray> feed, List<String> outputs) {
            StringBuilder key = new StringBuilder();
            feed.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    key.append(e.getKey()).append(Arrays.toString(e.getValue().shape())).append(';'));
            ExecutionPlan plan = plans.get(key.toString());
            if (plan == null) {
                if (plans.size() >= SHAPES_PER_CONTEXT) {
                    Iterator<ExecutionPlan> eldest = plans.values().iterator();
                    eldest.next().release();
                    eldest.remove();
                }
                plan = new ExecutionPlan(graph, outputs);
                plans.put(key.toString(), plan);
            }
            return plan;
        }

        void release() {
            plans.values().forEach(ExecutionPlan::release);
            plans.clear();
        }
    }
}
