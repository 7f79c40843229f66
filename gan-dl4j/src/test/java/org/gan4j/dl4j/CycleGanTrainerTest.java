package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.CycleGanStepResult;
import org.gan4j.Discriminator;
import org.gan4j.Shape;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.Translator;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.losses.WassersteinLoss;
import org.gan4j.zoo.CycleGan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CycleGanTrainerTest {
    static final Shape IMAGE = Shape.of(1, 8, 8);

    static INDArray array(int n, long seed, double offset) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), n, 1, 8, 8).castTo(DataType.FLOAT)
                .muli(0.5).addi(offset);
    }

    static InMemoryDataSource images(int n, long seed, double offset) {
        return InMemoryDataSource.of(array(n, seed, offset));
    }

    static Translator small() {
        return CycleGan.generator(IMAGE, 1, 2, 1);
    }

    static Discriminator patch() {
        return CycleGan.patchDiscriminator(IMAGE, 4);
    }

    static CycleGanTrainer.Builder trainer() {
        return CycleGanTrainer.builder().xToY(small()).yToX(small()).discriminatorX(patch()).discriminatorY(patch())
                .dataX(images(20, 1, -0.8)).dataY(images(20, 2, 0.2)).batchSize(4).steps(6).seed(3);
    }

    @Test
    void should_list_every_missing_setting_in_one_message() {
        assertThatThrownBy(() -> CycleGanTrainer.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CycleGanTrainer is missing required settings: xToY, yToX, discriminatorX, discriminatorY,"
                        + " dataX, dataY, epochs or steps");
        assertThatThrownBy(() -> CycleGanTrainer.builder().xToY(small()).dataY(images(4, 1, 0)).steps(3).build())
                .hasMessage("CycleGanTrainer is missing required settings: yToX, discriminatorX, discriminatorY, dataX");
    }

    @Test
    void should_name_every_shape_that_does_not_fit_the_domains() {
        InMemoryDataSource wide = InMemoryDataSource.of(new float[4 * 3 * 8 * 12], Shape.of(3, 8, 12));
        assertThatThrownBy(() -> trainer().dataY(wide).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CycleGanTrainer shapes do not fit: xToY output is [1, 8, 8] but dataY images are [3, 8, 12];"
                        + " yToX input is [1, 8, 8] but dataY images are [3, 8, 12];"
                        + " discriminatorY input is [1, 8, 8] but dataY images are [3, 8, 12]");
        Translator toColour = CycleGan.generator(IMAGE, 3, 2, 0);
        assertThatThrownBy(() -> trainer().xToY(toColour).build())
                .hasMessage("CycleGanTrainer shapes do not fit: xToY output is [3, 8, 8] but dataY images are [1, 8, 8]");
    }

    @Test
    void should_refuse_an_identity_term_between_domains_of_different_shapes() {
        InMemoryDataSource colour = InMemoryDataSource.of(new float[4 * 3 * 8 * 8], Shape.of(3, 8, 8));
        assertThatThrownBy(() -> trainer().xToY(CycleGan.generator(IMAGE, 3, 2, 0))
                .yToX(CycleGan.generator(Shape.of(3, 8, 8), 1, 2, 0))
                .discriminatorY(CycleGan.patchDiscriminator(Shape.of(3, 8, 8), 4))
                .dataY(colour).identityWeight(5).build())
                .hasMessage("CycleGanTrainer shapes do not fit: identityWeight 5.0 needs X and Y images of one shape but"
                        + " dataX holds [1, 8, 8] and dataY [3, 8, 8]");
    }

    @Test
    void should_refuse_bad_arguments_and_losses_it_cannot_apply() {
        assertThatThrownBy(() -> CycleGanTrainer.builder().cycleWeight(-1))
                .hasMessage("cycleWeight must be finite and >= 0 but was -1.0");
        assertThatThrownBy(() -> CycleGanTrainer.builder().identityWeight(Double.NaN))
                .hasMessage("identityWeight must be finite and >= 0 but was NaN");
        assertThatThrownBy(() -> CycleGanTrainer.builder().imagePool(-2)).hasMessage("imagePool must be >= 0 but was -2");
        assertThatThrownBy(() -> CycleGanTrainer.builder().batchSize(0)).hasMessage("batchSize must be >= 1 but was 0");
        assertThatThrownBy(() -> CycleGanTrainer.builder().steps(0)).hasMessage("steps must be >= 1 but was 0");
        assertThatThrownBy(() -> CycleGanTrainer.builder().xToY(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("xToY == null");
        assertThatThrownBy(() -> trainer().batchSize(32).build())
                .hasMessage("batchSize 32 exceeds the 20 samples of dataX");
        assertThatThrownBy(() -> trainer().loss(new WassersteinLoss()).build())
                .hasMessageStartingWith("loss Wasserstein(clip=0.01) needs penalties [] and constraints [WeightClipping(c=0.01)],"
                        + " which CycleGanTrainer does not apply");
    }

    @Test
    void should_train_call_listeners_and_repeat_itself_from_the_seed() {
        List<Long> seen = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStepEnd(TrainingView view, StepResult r) {
                seen.add(r.step());
                assertThat(view.step()).isEqualTo(r.step());
                assertThat(view.generate(3).shape()).containsExactly(3, 1, 8, 8);
            }

            @Override
            public void onFitEnd(TrainingView view) {
                seen.add(-view.totalSteps());
            }
        };
        CycleGanTrainer trainer = trainer().identityWeight(2).imagePool(6).listener(listener).build();
        TrainedCycleGan first = trainer.fit();
        TrainedCycleGan second = trainer.fit();
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, -6L, 1L, 2L, 3L, 4L, 5L, 6L, -6L);
        assertThat(first.history()).hasSize(6).isEqualTo(second.history());
        for (CycleGanStepResult r : first.history()) {
            assertThat(r.generatorLoss()).isCloseTo(r.adversarialXY() + r.adversarialYX()
                    + 10 * (r.cycleX() + r.cycleY()) + 2 * r.identity(), org.assertj.core.api.Assertions.within(1e-4));
            assertThat(r.discriminatorLoss()).isCloseTo(r.discriminatorX() + r.discriminatorY(),
                    org.assertj.core.api.Assertions.within(1e-5));
            assertThat(r.identity()).isPositive();
        }
        INDArray x = array(3, 9, -0.8);
        assertThat(first.translateXToY(x).shape()).containsExactly(3, 1, 8, 8);
        assertThat(first.translateXToY(x)).isEqualTo(second.translateXToY(x));
    }

    @Test
    void should_save_and_load_a_translator_that_translates_the_same(@TempDir Path dir) throws java.io.IOException {
        TrainedCycleGan gan = trainer().steps(2).build().fit();
        Path file = dir.resolve("g.zip");
        gan.xToY().save(file);
        TranslatorModel loaded = TranslatorModel.load(file);
        INDArray x = array(5, 4, -0.8);
        assertThat(loaded.inputShape()).isEqualTo(IMAGE);
        assertThat(loaded.outputShape()).isEqualTo(IMAGE);
        assertThat(loaded.translate(x)).isEqualTo(gan.translateXToY(x));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void should_refuse_images_of_the_wrong_shape_naming_the_expected_one() {
        TrainedCycleGan gan = trainer().steps(1).build().fit();
        assertThatThrownBy(() -> gan.translateYToX(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("images must have shape [n >= 1, 1, 8, 8] but had [2, 1, 28, 28]");
    }

    @Test
    void should_resume_from_a_checkpoint_exactly_as_an_uninterrupted_run(@TempDir Path dir) throws java.io.IOException {
        TrainedCycleGan reference = trainer().steps(8).imagePool(3).build().fit();
        CycleGanTrainer interrupted = trainer().steps(8).imagePool(3).checkpoints(dir, 4, 5).listener(new TrainingListener() {
            @Override
            public void onStepEnd(TrainingView view, StepResult r) {
                if (r.step() == 5) {
                    throw new IllegalStateException("interrupted at step 5");
                }
            }
        }).build();
        assertThatThrownBy(interrupted::fit).hasMessage("interrupted at step 5");
        Path checkpoint = dir.resolve("checkpoint-000000004.zip");
        assertThat(checkpoint).exists();

        TrainedCycleGan resumed = trainer().steps(8).imagePool(3).build().resume(checkpoint);

        assertThat(resumed.history()).isEqualTo(reference.history());
        INDArray x = array(3, 9, -0.8);
        assertThat(resumed.translateXToY(x)).isEqualTo(reference.translateXToY(x));
        assertThat(resumed.translateYToX(x)).isEqualTo(reference.translateYToX(x));
        assertThatThrownBy(() -> trainer().steps(8).imagePool(3).cycleWeight(5).build().resume(checkpoint))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint was written by another configuration: cycleWeight: 10.0 vs 5.0 (checkpoint vs trainer)");
        assertThatThrownBy(() -> trainer().steps(3).imagePool(3).build().resume(checkpoint))
                .hasMessage("checkpoint is at step 4, beyond this trainer's 3 steps");
        assertThatThrownBy(() -> CycleGanTrainer.builder().checkpoints(dir, 0, 1)).hasMessage("every must be >= 1 but was 0");
        Path truncated = dir.resolve("truncated.zip");
        byte[] whole = java.nio.file.Files.readAllBytes(checkpoint);
        java.nio.file.Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> trainer().steps(8).imagePool(3).build().resume(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkpoint " + truncated + " is corrupted or truncated");
    }
}
