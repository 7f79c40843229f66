package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gan4j.GanTrainingException;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReliabilityTest {

    @Test
    void should_stop_a_diverging_run_naming_the_step_and_the_network() {
        List<Long> finished = new ArrayList<>();
        TrainingListener steps = new TrainingListener() {
            @Override
            public void onStepEnd(TrainingView view, StepResult result) {
                finished.add(result.step());
            }
        };
        GanTrainer trainer = GaussianMlpGanTest.oneDimensionalGan(200)
                .discriminatorOptimizer(OptimizerSpec.sgd(1e30)).listener(steps).build();
        assertThatThrownBy(trainer::fit)
                .isInstanceOf(GanTrainingException.class)
                .hasMessageMatching("step \\d+: the (discriminator|generator) (loss \\(NonSaturating\\(\\)\\) is (NaN|Infinity|-Infinity)"
                        + "|weight \\S+ holds NaN or infinite values after the update .*)");
        assertThat(finished.size()).as("steps completed before the guard stopped training").isLessThan(5);
    }

    /**
     * A linear critic trained by SGD at 1e37: its weight grows every step until the losses overflow (step 74 here);
     * checkpoints every 20 steps leave a rollback point well before the overflow.
     */
    private static GanTrainer.Builder slowlyDivergingGan(java.nio.file.Path checkpoints) {
        float[] values = new float[640];
        java.util.Arrays.fill(values, 1f);
        return GanTrainer.builder()
                .generator(org.gan4j.Generator.builder().latent(org.gan4j.LatentSpace.gaussian(2)).dense(1).build())
                .discriminator(org.gan4j.Discriminator.builder().input(1).dense(1).build())
                .discriminatorOptimizer(OptimizerSpec.sgd(1e37))
                .data(org.gan4j.data.InMemoryDataSource.of(values, org.gan4j.Shape.of(1)))
                .batchSize(32).steps(120).seed(2)
                .checkpoints(checkpoints, 20, 2);
    }

    @Test
    void should_roll_back_to_the_last_checkpoint_with_lower_learning_rates(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertThatThrownBy(() -> slowlyDivergingGan(dir.resolve("plain")).build().fit())
                .isInstanceOf(GanTrainingException.class)
                .hasMessageMatching("step \\d+: the (discriminator|generator) .*");
        TrainedGan gan = slowlyDivergingGan(dir.resolve("guarded")).rollbackOnDivergence(1e-30, 2).build().fit();
        assertThat(gan.history().steps()).hasSize(120);
        assertThat(gan.history().steps()).allSatisfy(r -> {
            assertThat(r.discriminatorLoss()).isFinite();
            assertThat(r.generatorLoss()).isFinite();
        });
        assertThat(gan.history().steps().get(119).step()).isEqualTo(120);
    }

    @Test
    void should_refuse_rollback_without_checkpoints() {
        assertThatThrownBy(() -> GaussianMlpGanTest.oneDimensionalGan(5).rollbackOnDivergence(0.5, 1).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rollbackOnDivergence needs checkpoints(directory, every, keepLast) to roll back to");
    }

    @Test
    void should_sample_from_eight_threads_as_from_one() throws Exception {
        TrainedGan gan = GaussianMlpGanTest.oneDimensionalGan(20).build().fit();
        List<INDArray> latents = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Nd4j.getRandom().setSeed(100 + i);
            INDArray z = Nd4j.randn(DataType.FLOAT, 50 + i, 4);
            latents.add(z);
            expected.add(gan.sample(z));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<INDArray>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    List<INDArray> out = new ArrayList<>();
                    for (int r = 0; r < 20; r++) {
                        int i = (offset + r) % 8;
                        out.add(gan.sample(latents.get(i)));
                    }
                    return out;
                }));
            }
            for (int t = 0; t < 8; t++) {
                List<INDArray> out = results.get(t).get();
                for (int r = 0; r < 20; r++) {
                    int i = (t + r) % 8;
                    assertThat(out.get(r).shape()).containsExactly(50 + i, 1);
                    assertThat(out.get(r)).isEqualTo(expected.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
