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
                .hasMessageMatching("step \\d+: the (discriminator|generator) loss \\(NonSaturating\\(\\)\\) is (NaN|Infinity|-Infinity)");
        assertThat(finished.size()).as("steps completed before the guard stopped training").isLessThan(5);
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
