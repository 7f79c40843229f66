package org.gan4j.dl4j.internal.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A compiled plan's steps on two threads at once, one op thread each ({@link OneThreadPerCaller}), for graphs of two
 * independent halves whose ops are too small to split (a CycleGAN's two translation cycles, its two discriminators:
 * batch 8 on maps of 7×7 to 28×28, where a second thread per op gains nothing).
 *
 * <p>Whether a plan runs this way depends only on its graph ({@link #splits}), and then every run of it, the first
 * included, runs each op on one thread, so the lane a step lands on does not change any result; lanes are assigned by
 * list scheduling (each step, in schedule order, to the lane where it can start first) on step times measured over the
 * first {@value #TIMED_RUNS} runs after the first, which run one step after the other. A step waits, spinning, for the
 * steps of the other lane that it reads.
 */
final class TwoLanes {
    /** The largest span, as a share of the step count, for which a graph is split. */
    static final double MAX_SPAN_SHARE = 0.75;
    /** Runs timed step by step before the lanes are assigned. */
    static final int TIMED_RUNS = 3;
    private static final int SPINS_BEFORE_YIELD = 1 << 12;
    /** What a step is taken to wait for a step of the other lane (the handover's latency), in list scheduling. */
    static final long CROSSING_NANOS = 50_000;
    private static final ExecutorService SECOND_LANES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gan4j-second-lane");
        t.setDaemon(true);
        return t;
    });

    private final Runnable[] work;
    private final int[][] dependencies;
    private final long[] costs;
    private final AtomicIntegerArray finished;
    private int timedRuns;
    private int[][] lanes;
    private int[][] waits;
    private int epoch;
    private volatile boolean failed;

    /**
     * @param work         each step's run, null for steps that run nothing
     * @param dependencies for each step, the steps it reads
     */
    TwoLanes(Runnable[] work, int[][] dependencies) {
        this.work = work;
        this.dependencies = dependencies;
        this.costs = new long[work.length];
        this.finished = new AtomicIntegerArray(work.length);
    }

    /**
     * @param runs         for each step, whether it runs anything
     * @param dependencies for each step, the steps it reads
     * @return whether the graph splits into two lanes: more than one step, and list scheduling with unit costs
     *         finishing within {@link #MAX_SPAN_SHARE} of the step count
     */
    static boolean splits(boolean[] runs, int[][] dependencies) {
        Runnable[] units = new Runnable[runs.length];
        long[] costs = new long[runs.length];
        int running = 0;
        for (int i = 0; i < runs.length; i++) {
            if (runs[i]) {
                units[i] = () -> { };
                costs[i] = 1;
                running++;
            }
        }
        return running > 1 && assign(units, dependencies, costs, 0).span() <= MAX_SPAN_SHARE * running;
    }

    /** Lane of each step (−1: runs nothing) and the scheduled span. */
    record Assignment(int[] lane, long span) {
    }

    /**
     * List scheduling: each step, in order, to the lane where it can start first (the lower lane on ties), a step of
     * the other lane that it reads being ready {@code crossing} later than it finished.
     */
    static Assignment assign(Runnable[] work, int[][] dependencies, long[] costs, long crossing) {
        int[] lane = new int[work.length];
        long[] finish = new long[work.length];
        long[] laneEnd = new long[2];
        for (int i = 0; i < work.length; i++) {
            if (work[i] == null) {
                lane[i] = -1;
                continue;
            }
            long[] start = new long[2];
            for (int l = 0; l < 2; l++) {
                long readyHere = 0;
                for (int d : dependencies[i]) {
                    readyHere = Math.max(readyHere, finish[d] + (lane[d] == l ? 0 : crossing));
                }
                start[l] = Math.max(laneEnd[l], readyHere);
            }
            int l = start[0] <= start[1] ? 0 : 1;
            finish[i] = start[l] + costs[i];
            laneEnd[l] = finish[i];
            lane[i] = l;
        }
        return new Assignment(lane, Math.max(laneEnd[0], laneEnd[1]));
    }

    /**
     * Runs every step once: timed one after the other for the first runs, then in two lanes (a profile records the
     * whole run as the section {@code [two lanes]}).
     */
    void run() {
        long t = System.nanoTime();
        try (OneThreadPerCaller ignored = OneThreadPerCaller.enter()) {
            if (lanes == null) {
                runTimed();
            } else {
                runLanes();
            }
        }
        if (OpProfile.ENABLED) {
            OpProfile.section("[two lanes]", System.nanoTime() - t);
        }
    }

    private void runTimed() {
        for (int i = 0; i < work.length; i++) {
            if (work[i] != null) {
                long t = System.nanoTime();
                work[i].run();
                costs[i] += System.nanoTime() - t;
            }
        }
        if (++timedRuns == TIMED_RUNS) {
            int[] lane = assign(work, dependencies, costs, CROSSING_NANOS).lane();
            List<List<Integer>> byLane = List.of(new ArrayList<>(), new ArrayList<>());
            waits = new int[work.length][];
            for (int i = 0; i < work.length; i++) {
                if (lane[i] < 0) {
                    continue;
                }
                byLane.get(lane[i]).add(i);
                int own = lane[i];
                waits[i] = java.util.Arrays.stream(dependencies[i]).filter(d -> lane[d] != own).toArray();
            }
            lanes = new int[][] {ints(byLane.get(0)), ints(byLane.get(1))};
        }
    }

    private void runLanes() {
        int e = ++epoch;
        failed = false;
        Future<?> second = SECOND_LANES.submit(() -> {
            OneThreadPerCaller.forCurrentThread();
            runLane(lanes[1], e);
        });
        Throwable first = null;
        try {
            runLane(lanes[0], e);
        } catch (RuntimeException | Error t) {
            first = t;
        }
        Throwable other = null;
        try {
            second.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            other = new IllegalStateException("interrupted while the second lane of a compiled plan ran", ex);
        } catch (ExecutionException ex) {
            other = ex.getCause();
        }
        Throwable cause = first == null || first instanceof OtherLaneFailed && other != null ? other : first;
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        if (cause != null) {
            throw new IllegalStateException("the second lane of a compiled plan failed", cause);
        }
    }

    /** What a lane throws when it stops because the other one failed; the other's failure is the one reported. */
    private static final class OtherLaneFailed extends IllegalStateException {
        OtherLaneFailed() {
            super("the other lane of a compiled plan failed");
        }
    }

    private void runLane(int[] lane, int e) {
        try {
            for (int i : lane) {
                for (int d : waits[i]) {
                    await(d, e);
                }
                work[i].run();
                finished.set(i, e);
            }
        } catch (RuntimeException | Error t) {
            failed = true;
            throw t;
        }
    }

    private void await(int step, int e) {
        int spins = 0;
        while (finished.get(step) != e) {
            if (failed) {
                throw new OtherLaneFailed();
            }
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
