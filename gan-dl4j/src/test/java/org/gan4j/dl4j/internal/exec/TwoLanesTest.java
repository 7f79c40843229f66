package org.gan4j.dl4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.gan4j.dl4j.internal.ops.OpenMpThreads;
import org.gan4j.dl4j.internal.ops.TestArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two-lane runs of a plan: which graphs split, list scheduling on a known graph, every dependency finished before its
 * reader starts, failures from either lane, settings restored, and a split plan's results equal to those of the same
 * ops run one after the other on one thread each.
 */
class TwoLanesTest {
    static Runnable[] steps(int n, Runnable each) {
        Runnable[] work = new Runnable[n];
        java.util.Arrays.fill(work, each);
        return work;
    }

    /** Two chains of {@code length} steps joined by a last step reading both ends. */
    static int[][] twoChains(int length) {
        int[][] deps = new int[2 * length + 1][];
        for (int i = 0; i < 2 * length; i++) {
            deps[i] = i % length == 0 ? new int[0] : new int[] {i - 1};
        }
        deps[2 * length] = new int[] {length - 1, 2 * length - 1};
        return deps;
    }

    static boolean[] running(int n) {
        boolean[] runs = new boolean[n];
        java.util.Arrays.fill(runs, true);
        return runs;
    }

    @Test
    void should_split_two_independent_chains_but_not_one_chain() {
        assertThat(TwoLanes.splits(running(21), twoChains(10))).isTrue();
        int[][] chain = new int[21][];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = i == 0 ? new int[0] : new int[] {i - 1};
        }
        assertThat(TwoLanes.splits(running(21), chain)).isFalse();
        assertThat(TwoLanes.splits(running(1), new int[][] {{}})).as("one step").isFalse();
        boolean[] mostlyAliases = new boolean[21];
        mostlyAliases[0] = true;
        assertThat(TwoLanes.splits(mostlyAliases, twoChains(10))).as("one running step").isFalse();
    }

    @Test
    void should_schedule_each_step_where_it_starts_first() {
        // 0 and 1 independent (costs 5, 3); 2 reads 0 (cost 4); 3 reads 1 and 2 (cost 1); step 4 runs nothing
        Runnable[] work = {() -> { }, () -> { }, () -> { }, () -> { }, null};
        int[][] deps = {{}, {}, {0}, {1, 2}, {}};
        TwoLanes.Assignment a = TwoLanes.assign(work, deps, new long[] {5, 3, 4, 1, 0}, 0);
        assertThat(a.lane()).containsExactly(0, 1, 0, 0, -1);
        assertThat(a.span()).isEqualTo(10);
        TwoLanes.Assignment costly = TwoLanes.assign(work, deps, new long[] {5, 3, 4, 1, 0}, 2);
        assertThat(costly.lane()).as("a crossing of cost 2 keeps step 2 with step 0").containsExactly(0, 1, 0, 0, -1);
        assertThat(costly.span()).isEqualTo(10);
    }

    @Test
    void should_finish_every_dependency_before_its_reader_starts() {
        int length = 40;
        int[][] deps = twoChains(length);
        for (int i = 1; i < length; i += 7) {
            deps[length + i] = new int[] {length + i - 1, i};
        }
        AtomicInteger clock = new AtomicInteger();
        AtomicIntegerArray started = new AtomicIntegerArray(deps.length);
        AtomicIntegerArray ended = new AtomicIntegerArray(deps.length);
        Runnable[] work = new Runnable[deps.length];
        SplittableRandom random = new SplittableRandom(3);
        long[] spin = random.longs(deps.length, 1_000, 50_000).toArray();
        for (int i = 0; i < work.length; i++) {
            int step = i;
            work[i] = () -> {
                started.set(step, clock.incrementAndGet());
                long until = System.nanoTime() + spin[step];
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                ended.set(step, clock.incrementAndGet());
            };
        }
        TwoLanes lanes = new TwoLanes(work, deps);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        work[length + 1] = wrap(work[length + 1], threads);
        work[1] = wrap(work[1], threads);
        for (int run = 0; run < TwoLanes.TIMED_RUNS + 5; run++) {
            lanes.run();
            for (int i = 0; i < deps.length; i++) {
                for (int d : deps[i]) {
                    assertThat(ended.get(d)).as("run %d: step %d ended before %d started", run, d, i)
                            .isLessThan(started.get(i));
                }
            }
        }
        assertThat(threads).as("the two chains' second steps ran on two threads").hasSize(2);
    }

    static Runnable wrap(Runnable r, java.util.Set<String> threads) {
        return () -> {
            threads.add(Thread.currentThread().getName());
            r.run();
        };
    }

    @Test
    void should_report_a_failure_from_either_lane_and_restore_the_settings() {
        int maxThreads = Nd4j.getEnvironment().maxThreads();
        int openMp = OpenMpThreads.current();
        OpenMpThreads.set(3);
        try {
            failInEitherLane(maxThreads);
        } finally {
            OpenMpThreads.set(openMp);
        }
    }

    /** Libnd4j keeps its thread count at most the core count, so the process's own count is the one checked. */
    void failInEitherLane(int maxThreads) {
        for (int failing : new int[] {3, 13}) {
            int[][] deps = twoChains(10);
            AtomicInteger runs = new AtomicInteger();
            Runnable[] work = steps(deps.length, () -> { });
            work[failing] = () -> {
                if (runs.incrementAndGet() > TwoLanes.TIMED_RUNS + 1) {
                    throw new IllegalArgumentException("step " + failing + " failed");
                }
            };
            TwoLanes lanes = new TwoLanes(work, deps);
            for (int run = 0; run <= TwoLanes.TIMED_RUNS; run++) {
                lanes.run();
            }
            assertThatThrownBy(lanes::run).isInstanceOf(IllegalArgumentException.class).hasMessage("step " + failing + " failed");
            assertThat(Nd4j.getEnvironment().maxThreads()).isEqualTo(maxThreads);
            assertThat(OpenMpThreads.current()).isEqualTo(3);
        }
    }

    /** Two independent regressions, tanh(x_k W_k + b_k), summed into one loss. */
    static SameDiff twoHalves(List<INDArray> parameters) {
        SameDiff sd = SameDiff.create();
        SDVariable total = null;
        for (int k = 0; k < 2; k++) {
            SDVariable x = sd.placeHolder("x" + k, DataType.FLOAT, 8, 16);
            SDVariable h = x;
            for (int layer = 0; layer < 4; layer++) {
                SDVariable w = sd.var("W" + k + layer, parameters.get(2 * (4 * k + layer)).dup());
                SDVariable b = sd.var("b" + k + layer, parameters.get(2 * (4 * k + layer) + 1).dup());
                h = sd.math.tanh(h.mmul(w).add(b)).reshape(8, 16);
            }
            SDVariable half = h.mul(h).sum().mul(0.5);
            total = total == null ? half : total.add(half);
        }
        sd.identity("loss", total);
        sd.setLossVariables("loss");
        sd.createGradFunction();
        return sd;
    }

    @Test
    void should_give_the_results_of_the_same_ops_on_one_thread() {
        SplittableRandom random = new SplittableRandom(7);
        List<INDArray> parameters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            parameters.add(TestArrays.uniform(random, 16, 16));
            parameters.add(TestArrays.uniform(random, 16));
        }
        List<String> requested = new ArrayList<>(List.of("loss"));
        SameDiff split = twoHalves(parameters);
        SameDiff plain = twoHalves(parameters);
        for (String p : List.of("W00", "b02", "W13", "b11")) {
            requested.add(split.getVariable(p).getGradient().name());
        }
        ExecutionPlan lanes = new ExecutionPlan(split.getFunction("grad"), requested);
        lanes.runInTwoLanes();
        ExecutionPlan sequential = new ExecutionPlan(plain.getFunction("grad"), requested);
        for (int run = 0; run < TwoLanes.TIMED_RUNS + 4; run++) {
            Map<String, INDArray> feed = Map.of("x0", TestArrays.uniform(random, 8, 16), "x1", TestArrays.uniform(random, 8, 16));
            Map<String, INDArray> expected;
            try (OneThreadPerCaller ignored = OneThreadPerCaller.enter()) {
                expected = sequential.run(feed);
            }
            Map<String, INDArray> actual = lanes.run(feed);
            for (String name : requested) {
                assertThat(actual.get(name)).as("run %d, %s", run, name).isEqualTo(expected.get(name));
            }
        }
        assertThat(lanes.inTwoLanes()).isTrue();
        assertThat(sequential.inTwoLanes()).isFalse();
    }

    @Test
    void should_keep_a_chain_on_one_lane_and_refuse_a_late_request() {
        SplittableRandom random = new SplittableRandom(9);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 4, 4);
        SDVariable h = x;
        for (int i = 0; i < 6; i++) {
            h = sd.math.tanh(h.mmul(sd.var("W" + i, TestArrays.uniform(random, 4, 4))));
        }
        sd.identity("out", h.sum());
        ExecutionPlan plan = new ExecutionPlan(sd, List.of("out"));
        plan.runInTwoLanes();
        plan.run(Map.of("x", TestArrays.uniform(random, 4, 4)));
        assertThat(plan.inTwoLanes()).isFalse();
        assertThatThrownBy(plan::runInTwoLanes).isInstanceOf(IllegalStateException.class)
                .hasMessage("runInTwoLanes must be called before the plan's first run");
    }
}
