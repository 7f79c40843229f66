package org.gan4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.layer.Dense;
import org.gan4j.zoo.Dcgan;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    @Test
    void should_infer_the_dcgan_output_shape_layer_by_layer() {
        Generator g = Dcgan.generator();
        assertThat(g.outputShape()).isEqualTo(Shape.of(1, 28, 28));
        assertThat(g.latent()).isEqualTo(LatentSpace.gaussian(100));
        assertThat(((NetworkBody.Layers) g.body()).layers()).hasSize(9);
        assertThat(((NetworkBody.Layers) g.body()).layers().get(0)).isEqualTo(new Dense(6272, false));
    }

    @Test
    void should_list_every_missing_setting_in_one_message() {
        assertThatThrownBy(() -> Generator.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("generator is missing required settings: latent, layers (or a custom graph)");
    }

    @Test
    void should_name_the_layer_whose_input_does_not_fit() {
        assertThatThrownBy(() -> Generator.builder().latent(LatentSpace.gaussian(10)).dense(20).deconv2d(1, 4, 2, 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("generator layer 1: deconv2d(1, k4 s2 p1) expects input of rank 3 [channels, height, width] but got [20]");
    }

    @Test
    void should_refuse_a_reshape_that_changes_the_number_of_values() {
        assertThatThrownBy(() -> Generator.builder().latent(LatentSpace.uniform(10)).dense(20).reshape(3, 7).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("generator layer 1: reshape[3, 7] needs an input of 21 values but got [20] (20 values)");
    }

    @Test
    void should_refuse_without_bias_after_a_layer_without_one() {
        assertThatThrownBy(() -> Generator.builder().relu().withoutBias())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("withoutBias() must follow dense, conv2d or deconv2d with a bias but the last layer was relu");
        assertThatThrownBy(() -> Generator.builder().withoutBias())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("withoutBias() must follow dense, conv2d or deconv2d with a bias but the last layer was none");
    }

    @Test
    void should_mark_one_layer_or_every_weighted_layer_for_spectral_normalization() {
        Generator one = Generator.builder().latent(LatentSpace.gaussian(2)).dense(8).spectralNorm().relu().dense(3).build();
        assertThat(((NetworkBody.Layers) one.body()).layers()).extracting(Object::toString)
                .containsExactly("dense(8, SN)", "relu", "dense(3)");
        Discriminator all = Discriminator.builder().input(1, 8, 8).spectralNormAll()
                .conv2d(4, 4, 2, 1).withoutBias().residual(new org.gan4j.layer.Conv2d(4, 3, 1, 1, true))
                .flatten().dense(1).build();
        assertThat(((NetworkBody.Layers) all.body()).layers()).extracting(Object::toString)
                .containsExactly("conv2d(4, k4 s2 p1, no bias, SN)", "residual[conv2d(4, k3 s1 p1, SN)]", "flatten", "dense(1, SN)");
        assertThat(new Dense(3, true).spectrallyNormalized().withoutBias()).isEqualTo(new Dense(3, false, true));
    }

    @Test
    void should_refuse_spectral_norm_after_a_layer_without_weights_or_twice() {
        assertThatThrownBy(() -> Generator.builder().relu().spectralNorm())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("spectralNorm() must follow dense, conv2d or deconv2d without spectral norm but the last layer was relu");
        assertThatThrownBy(() -> Generator.builder().dense(3).spectralNorm().spectralNorm())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("spectralNorm() must follow dense, conv2d or deconv2d without spectral norm but the last layer"
                        + " was dense(3, SN)");
        assertThatThrownBy(() -> Generator.builder().latent(LatentSpace.gaussian(2)).spectralNormAll()
                .custom(Shape.of(3), (ctx, in) -> in).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("generator has a custom graph and spectralNormAll(): spectral normalization applies to builder"
                        + " layers; normalize a custom graph's weights inside it");
    }

    @Test
    void should_refuse_layers_and_a_custom_graph_together() {
        assertThatThrownBy(() -> Generator.builder().latent(LatentSpace.gaussian(2)).dense(3)
                .custom(Shape.of(3), (ctx, in) -> in).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("generator has both layers [dense(3)] and a custom graph: use one or the other");
    }

    @Test
    void should_accept_a_custom_graph_with_its_declared_shape() {
        Generator g = Generator.builder().latent(LatentSpace.gaussian(2)).custom(Shape.of(5), (ctx, in) -> in).build();
        assertThat(g.outputShape()).isEqualTo(Shape.of(5));
        assertThat(g.body()).isInstanceOf(NetworkBody.Custom.class);
    }

    @Test
    void should_refuse_null_arguments_naming_them() {
        assertThatThrownBy(() -> Generator.builder().latent(null))
                .isInstanceOf(NullPointerException.class).hasMessage("latent == null");
        assertThatThrownBy(() -> Generator.builder().layer(null))
                .isInstanceOf(NullPointerException.class).hasMessage("layer == null");
        assertThatThrownBy(() -> Generator.builder().weightInit(null))
                .isInstanceOf(NullPointerException.class).hasMessage("weightInit == null");
    }

    @Test
    void should_refuse_bad_latent_sizes() {
        assertThatThrownBy(() -> LatentSpace.gaussian(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("latent size must be >= 1 but was 0");
    }

    @Test
    void should_build_immutable_specs() {
        Generator.Builder builder = Generator.builder().latent(LatentSpace.gaussian(4)).dense(3);
        Generator g = builder.build();
        builder.dense(7);
        assertThat(g.outputShape()).isEqualTo(Shape.of(3));
        assertThat(((NetworkBody.Layers) g.body()).layers()).hasSize(1);
    }
}
