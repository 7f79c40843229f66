package org.gan4j.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.NetworkBody;
import org.gan4j.Shape;
import org.gan4j.layer.Conv2d;
import org.gan4j.layer.Deconv2d;
import org.gan4j.layer.LayerSpec;
import org.gan4j.layer.WeightedLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The zoo's networks for other sizes and channel counts: their shapes and the paper's layer patterns. */
class SizedZooTest {
    @ParameterizedTest(name = "{0}x{0}x{1}, width {2}")
    @CsvSource({"8, 1, 16", "32, 3, 64", "64, 3, 32", "64, 1, 8", "128, 3, 4"})
    void dcgan_should_map_latents_to_images_and_images_to_a_logit(int size, int channels, int width) {
        Generator g = Dcgan.generator(size, channels, width);
        assertThat(g.outputShape()).isEqualTo(Shape.of(channels, size, size));
        var deconvs = layers(g.body()).stream().filter(l -> l instanceof Deconv2d).map(l -> (Deconv2d) l).toList();
        assertThat(deconvs).hasSize(Integer.numberOfTrailingZeros(size) - 2);
        assertThat(deconvs.get(deconvs.size() - 1).filters()).isEqualTo(channels);
        if (deconvs.size() > 1) {
            assertThat(deconvs.get(deconvs.size() - 2).filters()).as("last hidden layer").isEqualTo(width);
        }
        Discriminator d = Dcgan.discriminator(size, channels, width);
        assertThat(d.inputShape()).isEqualTo(Shape.of(channels, size, size));
        assertThat(d.outputShape()).isEqualTo(Shape.of(1));
        assertThat(((Conv2d) layers(d.body()).get(0)).filters()).isEqualTo(width);
    }

    @Test
    void sngan_discriminator_should_be_the_papers_cifar_network_at_32() {
        Discriminator d = Sngan.discriminator(32, 3, 64);
        assertThat(layers(d.body()).stream().filter(l -> l instanceof WeightedLayer).map(l -> (WeightedLayer) l)
                .map(l -> l.outputs() + (l instanceof Conv2d c ? "k" + c.kernel() + "s" + c.stride() : "fc")
                        + (l.spectralNorm() ? "" : "!")).toList())
                .containsExactly("64k3s1", "64k4s2", "128k3s1", "128k4s2", "256k3s1", "256k4s2", "512k3s1", "1fc");
        assertThat(d.outputShape()).isEqualTo(Shape.of(1));
    }

    @Test
    void bad_sizes_should_be_refused() {
        assertThatThrownBy(() -> Dcgan.generator(28, 1, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must be a power of two in [8, 256] but was 28");
        assertThatThrownBy(() -> Dcgan.discriminator(32, 0, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channels must be in [1, 4] but was 0");
        assertThatThrownBy(() -> Sngan.discriminator(32, 3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("width must be in [1, 1024] but was 0");
    }

    private static java.util.List<LayerSpec> layers(NetworkBody body) {
        return ((NetworkBody.Layers) body).layers();
    }
}
