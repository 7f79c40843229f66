package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GeneratorEmaTest {
    private static final INDArray IDENTITY = Nd4j.eye(3).castTo(DataType.FLOAT);

    /** A linear generator: its samples of the identity latent are its weight matrix. */
    private static GanTrainer.Builder linearGan() {
        float[] values = new float[200 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2f + (float) Math.cos(1.3 * i);
        }
        return GanTrainer.builder()
                .generator(Generator.builder().latent(LatentSpace.gaussian(3)).dense(2).withoutBias().build())
                .discriminator(Discriminator.builder().input(2).dense(8).leakyRelu(0.2).dense(1).build())
                .generatorOptimizer(OptimizerSpec.adam(0.05, 0.5, 0.999))
                .data(InMemoryDataSource.of(values, Shape.of(2)))
                .batchSize(20).steps(12).seed(5);
    }

    @Test
    void should_sample_with_the_moving_average_of_the_generator_weights() {
        // given: the raw weights after every step of a run without EMA (EMA does not change training)
        List<double[]> weights = new ArrayList<>();
        linearGan().listener(new TrainingListener() {
            @Override
            public void onStepEnd(TrainingView view, StepResult result) {
                weights.add(view.generator().sample(IDENTITY).castTo(DataType.DOUBLE).data().asDouble());
            }
        }).build().fit();
        // when
        TrainedGan averaged = linearGan().generatorEma(0.8, 4).build().fit();
        // then: θ_ema is a copy up to step 3, then θ_ema ← 0.8 θ_ema + 0.2 θ_t
        double[] expected = weights.get(2).clone();
        for (int t = 4; t <= 12; t++) {
            double[] w = weights.get(t - 1);
            for (int i = 0; i < expected.length; i++) {
                expected[i] = 0.8 * expected[i] + 0.2 * w[i];
            }
        }
        double[] actual = averaged.sample(IDENTITY).castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-5));
        }
        assertThat(actual).isNotEqualTo(weights.get(11));
        assertThat(averaged.history().steps()).hasSize(12);
    }

    @Test
    void should_refuse_a_decay_outside_zero_to_one() {
        assertThatThrownBy(() -> GanTrainer.builder().generatorEma(1.0, 0))
                .hasMessage("decay must be in [0, 1) but was 1.0");
        assertThatThrownBy(() -> GanTrainer.builder().generatorEma(0.9, -1))
                .hasMessage("start must be >= 0 but was -1");
    }
}
