package org.gan4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.zoo.CycleGan;
import org.junit.jupiter.api.Test;

class TranslatorTest {

    @Test
    void should_infer_the_cyclegan_networks_for_28_by_28_images() {
        Translator g = CycleGan.generator(Shape.of(1, 28, 28), 3, 16, 4);
        assertThat(g.inputShape()).isEqualTo(Shape.of(1, 28, 28));
        assertThat(g.outputShape()).isEqualTo(Shape.of(3, 28, 28));
        Discriminator d = CycleGan.patchDiscriminator(Shape.of(1, 28, 28), 32);
        assertThat(d.outputShape()).isEqualTo(Shape.of(1, 7, 7));
        assertThat(d.scoresPatches()).isTrue();
    }

    @Test
    void should_refuse_image_sides_the_generator_cannot_halve_twice() {
        assertThatThrownBy(() -> CycleGan.generator(Shape.of(1, 30, 28), 1, 16, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input must be an image [c, h, w] with h and w multiples of 4 but was [1, 30, 28]");
        assertThatThrownBy(() -> CycleGan.generator(Shape.of(1, 28, 28), 1, 16, -1))
                .hasMessage("blocks must be >= 0 but was -1");
        assertThatThrownBy(() -> CycleGan.patchDiscriminator(Shape.of(1, 28, 28), 0))
                .hasMessage("filters must be >= 1 but was 0");
    }

    @Test
    void should_list_every_missing_setting_in_one_message() {
        assertThatThrownBy(() -> Translator.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("translator is missing required settings: input, layers (or a custom graph)");
    }

    @Test
    void should_refuse_inputs_and_outputs_that_are_not_images() {
        assertThatThrownBy(() -> Translator.builder().input(784))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input must be an image [channels, height, width] but was [784]");
        assertThatThrownBy(() -> Translator.builder().input(1, 8, 8).flatten().dense(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("translator output must be an image [channels, height, width] but was [4]");
        assertThatThrownBy(() -> Translator.builder().input(1, 8, 8).residual(new org.gan4j.layer.Conv2d(2, 3, 1, 1, true)).build())
                .hasMessage("translator layer 0: residual[conv2d(2, k3 s1 p1)] must keep its input shape [1, 8, 8] but produces [2, 8, 8]");
    }

    @Test
    void should_accept_a_patch_discriminator_but_not_other_image_outputs() {
        Discriminator patch = Discriminator.builder().input(1, 8, 8).conv2d(1, 4, 2, 1).build();
        assertThat(patch.outputShape()).isEqualTo(Shape.of(1, 4, 4));
        assertThat(Discriminator.builder().input(4).dense(1).build().scoresPatches()).isFalse();
        assertThatThrownBy(() -> Discriminator.builder().input(1, 8, 8).conv2d(2, 4, 2, 1).build())
                .hasMessage("discriminator output must be [1] (one logit per sample) or [1, h, w] (one per patch) but was [2, 4, 4]");
    }
}
