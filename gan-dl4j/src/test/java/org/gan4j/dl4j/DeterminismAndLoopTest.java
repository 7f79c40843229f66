package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DeterminismAndLoopTest {

    static GanTrainer.Builder smallGan() {
        Generator g = Generator.builder().latent(LatentSpace.uniform(3))
                .dense(16).batchNorm().relu().dropout(0.2).dense(1).build();
        Discriminator d = Discriminator.builder().input(1).dense(16).leakyRelu(0.2).dropout(0.3).dense(1).build();
        return GanTrainer.builder().generator(g).discriminator(d)
                .data(GaussianMlpGanTest.gaussian(1000, 2.0, 0.5, 5)).batchSize(32);
    }

    @Test
    void should_repeat_the_loss_history_and_samples_for_the_same_seed() {
        GanTrainer trainer = smallGan().steps(40).seed(9).build();
        TrainedGan a = trainer.fit();
        TrainedGan b = trainer.fit();
        INDArray z = Nd4j.rand(DataType.FLOAT, 5, 3);
        assertThat(a.history().steps()).hasSize(40).isEqualTo(b.history().steps());
        assertThat(a.sample(z)).isEqualTo(b.sample(z));
        assertThat(a.sample(7)).as("seeded latent draws").isEqualTo(b.sample(7));
    }

    @Test
    void should_differ_for_another_seed() {
        TrainedGan a = smallGan().steps(10).seed(1).build().fit();
        TrainedGan b = smallGan().steps(10).seed(2).build().fit();
        assertThat(a.history().discriminatorLosses()).isNotEqualTo(b.history().discriminatorLosses());
    }

    @Test
    void should_run_whole_epochs_with_k_discriminator_steps_and_call_listeners() {
        List<String> events = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onStepEnd(TrainingView view, StepResult result) {
                events.add("step " + result.step() + " epoch " + result.epoch());
                assertThat(view.step()).isEqualTo(result.step());
                assertThat(view.history().size()).isEqualTo((int) result.step());
            }

            @Override
            public void onEpochEnd(TrainingView view, int epoch) {
                events.add("end of epoch " + epoch);
            }

            @Override
            public void onFitEnd(TrainingView view) {
                events.add("fit end after " + view.step() + " of " + view.totalSteps());
            }
        };
        // 1000 samples / batch 100 = 10 batches per epoch; 3 epochs = 30 batches; k = 3 batches per step = 10 steps
        TrainedGan gan = smallGan().batchSize(100).epochs(3).discriminatorSteps(3).listener(recorder).build().fit();
        assertThat(gan.history().size()).isEqualTo(10);
        assertThat(events).contains("end of epoch 0", "end of epoch 1", "end of epoch 2", "fit end after 10 of 10");
        assertThat(events.get(events.size() - 1)).isEqualTo("fit end after 10 of 10");
        assertThat(events).containsSubsequence("step 3 epoch 0", "end of epoch 0", "step 4 epoch 1");
    }

    @Test
    void should_sample_inference_mode_deterministically() {
        TrainedGan gan = smallGan().steps(5).build().fit();
        INDArray z = Nd4j.rand(DataType.FLOAT, 4, 3);
        assertThat(gan.sample(z)).as("no dropout and running statistics at inference").isEqualTo(gan.sample(z));
    }
}
