package org.gan4j.dl4j.internal.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-op time totals of {@link ExecutionPlan} runs, on when the JVM runs with {@code -Dgan4j.profile=true}; printed
 * by the benchmarks to show where an iteration's time goes.
 */
public final class OpProfile {
    /** Whether plans time their ops. */
    public static final boolean ENABLED = Boolean.getBoolean(org.gan4j.dl4j.Profiling.PROPERTY);
    private static final Map<String, long[]> TOTALS = new ConcurrentHashMap<>();

    private OpProfile() {
    }

    static void record(String kind, DifferentialFunction op, long nanos) {
        section(kind + " " + describe(op), nanos);
    }

    /**
     * Adds time to a named part of an iteration.
     *
     * @param key   the part
     * @param nanos its time
     */
    public static void section(String key, long nanos) {
        long[] t = TOTALS.computeIfAbsent(key, k -> new long[2]);
        t[0] += nanos;
        t[1]++;
    }

    private static String describe(DifferentialFunction op) {
        StringBuilder b = new StringBuilder();
        for (String a : op.argNames()) {
            INDArray arr = op.getSameDiff().getArrForVarName(a);
            long[] shape = arr == null ? op.getSameDiff().getVariable(a).getShape() : arr.shape();
            b.append(java.util.Arrays.toString(shape));
        }
        return b.toString();
    }

    /** Clears the totals. */
    public static void reset() {
        TOTALS.clear();
    }

    /**
     * @param runs the number of iterations the totals cover
     * @return a table of ops by total time, milliseconds per iteration
     */
    public static String table(int runs) {
        StringBuilder b = new StringBuilder();
        double sum = TOTALS.values().stream().mapToLong(t -> t[0]).sum() / 1e6 / runs;
        b.append(String.format("ops total %.2f ms per iteration%n", sum));
        TOTALS.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(60)
                .forEach(e -> b.append(String.format("%8.2f ms %5.1f calls  %s%n", e.getValue()[0] / 1e6 / runs,
                        (double) e.getValue()[1] / runs, e.getKey())));
        return b.toString();
    }
}
