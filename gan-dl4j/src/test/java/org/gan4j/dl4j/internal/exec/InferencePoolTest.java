package org.gan4j.dl4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InferencePoolTest {
    private final INDArray weight = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});

    /** y = tanh(x·W) over the shared array W, as a model's inference graph shares its parameter store. */
    private SameDiff graph() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", weight);
        sd.math.tanh("y", x.mmul(w));
        return sd;
    }

    private static INDArray expected(INDArray x, INDArray w) {
        return org.nd4j.linalg.ops.transforms.Transforms.tanh(x.mmul(w), true);
    }

    @Test
    void should_compute_what_the_graph_computes_for_every_batch_size_and_see_in_place_updates() {
        InferencePool pool = new InferencePool(this::graph, List.of("y"), 1);
        for (int n : new int[] {1, 4, 2, 7, 3, 9, 4, 1}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, n, 3).subi(0.5).muli(0.2);
            INDArray y = pool.run(Map.of("x", x)).get("y");
            assertThat(y.shape()).containsExactly(n, 2);
            assertThat(y.sub(expected(x, weight)).amaxNumber().doubleValue()).isLessThan(1e-6);
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3).muli(0.1);
        INDArray before = pool.run(Map.of("x", x)).get("y");
        weight.muli(-1);
        INDArray after = pool.run(Map.of("x", x)).get("y");
        assertThat(after.add(before).amaxNumber().doubleValue()).as("tanh is odd: y(−W) = −y(W)").isLessThan(1e-6);
        assertThat(pool.contextsCreated()).isEqualTo(1);
    }

    @Test
    void should_return_copies_that_the_next_run_does_not_overwrite() {
        InferencePool pool = new InferencePool(this::graph, List.of("y"), 1);
        INDArray first = pool.run(Map.of("x", Nd4j.ones(DataType.FLOAT, 2, 3))).get("y");
        INDArray kept = first.dup();
        pool.run(Map.of("x", Nd4j.zeros(DataType.FLOAT, 2, 3)));
        assertThat(first).isEqualTo(kept);
    }

    /**
     * Each caller builds its context while the other is building its own: the barrier in the graph factory is only
     * passed if two callers are inside {@code run} at once, so a pool that serialised its callers would time out.
     */
    @Test
    void should_let_two_callers_run_at_once_each_on_its_own_context() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        AtomicInteger built = new AtomicInteger();
        Supplier<SameDiff> factory = () -> {
            built.incrementAndGet();
            try {
                bothInside.await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other caller never came in", e);
            }
            return graph();
        };
        InferencePool pool = new InferencePool(factory, List.of("y"), 2);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            INDArray x = Nd4j.rand(DataType.FLOAT, 5, 3);
            List<Future<INDArray>> results = List.of(
                    callers.submit(() -> pool.run(Map.of("x", x)).get("y")),
                    callers.submit(() -> pool.run(Map.of("x", x)).get("y")));
            for (Future<INDArray> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS).sub(expected(x, weight)).amaxNumber().doubleValue())
                        .isLessThan(1e-6);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(built.get()).isEqualTo(2);
        assertThat(pool.contextsCreated()).isEqualTo(2);
    }

    @Test
    void should_refuse_to_run_a_released_plan() {
        ExecutionPlan plan = new ExecutionPlan(graph(), List.of("y"));
        plan.run(Map.of("x", Nd4j.ones(DataType.FLOAT, 1, 3)));
        plan.release();
        assertThatThrownBy(() -> plan.run(Map.of("x", Nd4j.ones(DataType.FLOAT, 1, 3))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this plan was released and cannot run again");
    }

    @Test
    void should_refuse_a_pool_that_keeps_no_context() {
        assertThatThrownBy(() -> new InferencePool(this::graph, List.of("y"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIdle must be >= 1 but was 0");
    }
}
