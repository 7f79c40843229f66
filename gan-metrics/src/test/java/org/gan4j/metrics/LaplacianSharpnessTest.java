package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link LaplacianSharpness} against closed forms. */
class LaplacianSharpnessTest {

    @Test
    void should_give_zero_for_constant_and_linear_images() {
        INDArray images = Nd4j.create(DataType.DOUBLE, 2, 1, 6, 7);
        images.slice(0).assign(0.3);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 7; x++) {
                images.putScalar(new long[] {1, 0, y, x}, 0.5 * x - 0.25 * y);
            }
        }
        LaplacianSharpness s = LaplacianSharpness.of(images);
        assertThat(s.mean()).isCloseTo(0, within(1e-12));
        assertThat(s.images()).isEqualTo(2);
    }

    /** A ±a checkerboard has ΔI = −8·I at every interior pixel: on a 4×4 interior, eight of each ±8a, variance 64a². */
    @Test
    void should_give_sixty_four_a_squared_for_a_checkerboard() {
        INDArray images = Nd4j.create(DataType.FLOAT, 2, 2, 6, 6);
        double[] amplitudes = {1, 0.5, 0.25, 2};
        for (int plane = 0; plane < 4; plane++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    images.putScalar(new long[] {plane / 2, plane % 2, y, x}, ((x + y) % 2 == 0 ? 1 : -1) * amplitudes[plane]);
                }
            }
        }
        LaplacianSharpness s = LaplacianSharpness.of(images);
        double[] expected = {64, 16, 4, 256};
        double mean = (64 + 16 + 4 + 256) / 4.0;
        double variance = 0;
        for (double v : expected) {
            variance += (v - mean) * (v - mean) / 4;
        }
        assertThat(s.mean()).isCloseTo(mean, within(1e-9));
        assertThat(s.std()).isCloseTo(Math.sqrt(variance), within(1e-9));
    }

    /** A single bright pixel in the centre of a 5×5 image: Δ = −4 there, 1 at its 4 interior neighbours, 0 elsewhere. */
    @Test
    void should_match_the_hand_computed_impulse_response() {
        INDArray image = Nd4j.create(DataType.DOUBLE, 1, 1, 5, 5);
        image.putScalar(new long[] {0, 0, 2, 2}, 1.0);
        double[] values = {-4, 1, 1, 1, 1, 0, 0, 0, 0};
        double mean = 0;
        for (double v : values) {
            mean += v / 9;
        }
        double variance = 0;
        for (double v : values) {
            variance += (v - mean) * (v - mean) / 9;
        }
        assertThat(LaplacianSharpness.of(image).mean()).isCloseTo(variance, within(1e-12));
    }

    @Test
    void should_refuse_images_too_small_for_the_stencil() {
        assertThatThrownBy(() -> LaplacianSharpness.of(Nd4j.create(DataType.FLOAT, 3, 1, 2, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("images must have shape [n >= 1, channels, height >= 3, width >= 3] but was [3, 1, 2, 8]");
    }
}
