package org.gan4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.zoo.Dcgan;
import org.junit.jupiter.api.Test;

class DiscriminatorTest {

    @Test
    void should_infer_the_dcgan_discriminator_down_to_one_logit() {
        Discriminator d = Dcgan.discriminator();
        assertThat(d.inputShape()).isEqualTo(Shape.of(1, 28, 28));
        assertThat(d.outputShape()).isEqualTo(Shape.of(1));
    }

    @Test
    void should_refuse_an_output_that_is_not_one_logit() {
        assertThatThrownBy(() -> Discriminator.builder().input(1, 28, 28).conv2d(8, 4, 2, 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("discriminator output must be [1] (one logit per sample) or [1, h, w] (one per patch) but was [8, 14, 14]");
    }

    @Test
    void should_list_every_missing_setting_in_one_message() {
        assertThatThrownBy(() -> Discriminator.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("discriminator is missing required settings: input, layers (or a custom graph)");
    }

    @Test
    void should_refuse_a_kernel_larger_than_the_padded_input() {
        assertThatThrownBy(() -> Discriminator.builder().input(1, 3, 3).conv2d(4, 7, 1, 1).flatten().dense(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("discriminator layer 0: conv2d(4, k7 s1 p1) needs a padded input of at least 7x7 but got [1, 3, 3]");
    }

    @Test
    void should_refuse_bad_dimensions() {
        assertThatThrownBy(() -> Discriminator.builder().input(1, 0, 28))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape dimensions must be >= 1 but was [1, 0, 28]");
    }
}
