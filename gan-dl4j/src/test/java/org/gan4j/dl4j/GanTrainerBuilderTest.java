package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.zoo.Dcgan;
import org.junit.jupiter.api.Test;

class GanTrainerBuilderTest {
    static final InMemoryDataSource IMAGES = InMemoryDataSource.of(new float[100 * 784], Shape.of(1, 28, 28));

    @Test
    void should_list_every_missing_setting_in_one_message() {
        assertThatThrownBy(() -> GanTrainer.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("GanTrainer is missing required settings: generator, discriminator, data, epochs or steps");
        assertThatThrownBy(() -> GanTrainer.builder().generator(Dcgan.generator()).data(IMAGES).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("GanTrainer is missing required settings: discriminator, epochs or steps");
    }

    @Test
    void should_refuse_a_generator_whose_output_is_not_the_discriminator_input() {
        Discriminator d32 = Discriminator.builder().input(1, 32, 32).flatten().dense(1).build();
        assertThatThrownBy(() -> GanTrainer.builder().generator(Dcgan.generator()).discriminator(d32)
                .data(IMAGES).steps(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("generator output shape [1, 28, 28] differs from discriminator input shape [1, 32, 32]");
    }

    @Test
    void should_refuse_a_patch_discriminator() {
        Discriminator patch = org.gan4j.zoo.CycleGan.patchDiscriminator(Shape.of(1, 28, 28), 8);
        assertThatThrownBy(() -> GanTrainer.builder().generator(Dcgan.generator()).discriminator(patch)
                .data(IMAGES).steps(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the discriminator scores patches [1, 7, 7] but GanTrainer needs one score per sample ([1]):"
                        + " patch discriminators are for CycleGanTrainer");
    }

    @Test
    void should_refuse_data_of_another_shape() {
        assertThatThrownBy(() -> GanTrainer.builder().generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                .data(InMemoryDataSource.of(new float[784], Shape.of(784))).steps(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data sample shape [784] differs from discriminator input shape [1, 28, 28]");
    }

    @Test
    void should_refuse_a_batch_larger_than_the_data() {
        assertThatThrownBy(() -> GanTrainer.builder().generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                .data(IMAGES).batchSize(128).steps(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize 128 exceeds the 100 samples of the data source");
    }

    @Test
    void should_refuse_both_epochs_and_steps() {
        assertThatThrownBy(() -> GanTrainer.builder().generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                .data(IMAGES).epochs(2).steps(10).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("set epochs or steps, not both (epochs=2, steps=10)");
    }

    @Test
    void should_refuse_bad_arguments_in_their_setters() {
        GanTrainer.Builder b = GanTrainer.builder();
        assertThatThrownBy(() -> b.batchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be >= 1 but was 0");
        assertThatThrownBy(() -> b.discriminatorSteps(0)).hasMessage("discriminatorSteps must be >= 1 but was 0");
        assertThatThrownBy(() -> b.epochs(-1)).hasMessage("epochs must be >= 1 but was -1");
        assertThatThrownBy(() -> b.steps(0)).hasMessage("steps must be >= 1 but was 0");
        assertThatThrownBy(() -> b.generator(null)).isInstanceOf(NullPointerException.class).hasMessage("generator == null");
        assertThatThrownBy(() -> b.discriminator(null)).hasMessage("discriminator == null");
        assertThatThrownBy(() -> b.data(null)).hasMessage("data == null");
        assertThatThrownBy(() -> b.loss(null)).hasMessage("loss == null");
        assertThatThrownBy(() -> b.generatorOptimizer(null)).hasMessage("generatorOptimizer == null");
        assertThatThrownBy(() -> b.discriminatorOptimizer(null)).hasMessage("discriminatorOptimizer == null");
        assertThatThrownBy(() -> b.listener(null)).hasMessage("listener == null");
    }

    @Test
    void should_show_its_configuration() {
        Generator g = Generator.builder().latent(LatentSpace.gaussian(2)).dense(1).build();
        Discriminator d = Discriminator.builder().input(1).dense(1).build();
        GanTrainer t = GanTrainer.builder().generator(g).discriminator(d)
                .data(InMemoryDataSource.of(new float[10], Shape.of(1))).batchSize(5).steps(3).build();
        assertThat(t).hasToString("GanTrainer(loss=NonSaturating(), g=Adam(lr=2.0E-4, beta1=0.5, beta2=0.999, eps=1.0E-8),"
                + " d=Adam(lr=2.0E-4, beta1=0.5, beta2=0.999, eps=1.0E-8), discriminatorSteps=1, batchSize=5, steps=3, seed=42)");
    }
}
