package org.gan4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.Activation;
import org.gan4j.Shape;
import org.junit.jupiter.api.Test;

class LayerSpecTest {

    @Test
    void should_follow_the_convolution_size_formulas() {
        // floor((28 + 2 - 4) / 2) + 1 = 14 and (7 - 1) * 2 - 2 + 4 = 14
        assertThat(new Conv2d(64, 4, 2, 1, true).outputShape(Shape.of(1, 28, 28))).isEqualTo(Shape.of(64, 14, 14));
        assertThat(new Conv2d(8, 3, 1, 0, true).outputShape(Shape.of(3, 5, 6))).isEqualTo(Shape.of(8, 3, 4));
        assertThat(new Conv2d(8, 3, 2, 1, true).outputShape(Shape.of(3, 5, 5))).isEqualTo(Shape.of(8, 3, 3));
        assertThat(new Deconv2d(64, 4, 2, 1, false).outputShape(Shape.of(128, 7, 7))).isEqualTo(Shape.of(64, 14, 14));
        assertThat(new Deconv2d(1, 3, 1, 0, true).outputShape(Shape.of(2, 5, 5))).isEqualTo(Shape.of(1, 7, 7));
    }

    @Test
    void should_keep_shapes_for_shape_preserving_layers() {
        Shape s = Shape.of(3, 4, 4);
        assertThat(BatchNorm.DEFAULT.outputShape(s)).isEqualTo(s);
        assertThat(new Dropout(0.3).outputShape(s)).isEqualTo(s);
        assertThat(new ActivationLayer(Activation.tanh()).outputShape(s)).isEqualTo(s);
        assertThat(new Flatten().outputShape(s)).isEqualTo(Shape.of(48));
    }

    @Test
    void should_refuse_bad_hyperparameters_naming_them() {
        assertThatThrownBy(() -> new Dense(0, true)).hasMessage("units must be >= 1 but was 0");
        assertThatThrownBy(() -> new Conv2d(1, 4, 0, 1, true)).hasMessage("stride must be >= 1 but was 0");
        assertThatThrownBy(() -> new Deconv2d(1, 4, 2, -1, true)).hasMessage("padding must be >= 0 but was -1");
        assertThatThrownBy(() -> new Dropout(1.0)).hasMessage("rate must be in [0, 1) but was 1.0");
        assertThatThrownBy(() -> new BatchNorm(0, 0.1)).hasMessage("epsilon must be > 0 but was 0.0");
        assertThatThrownBy(() -> new BatchNorm(1e-5, 0)).hasMessage("momentum must be in (0, 1] but was 0.0");
        assertThatThrownBy(() -> Activation.leakyRelu(1.5)).hasMessage("alpha must be in (0, 1) but was 1.5");
    }

    @Test
    void should_refuse_batch_norm_on_rank_two_samples() {
        assertThatThrownBy(() -> BatchNorm.DEFAULT.outputShape(Shape.of(4, 4)))
                .hasMessage("batchNorm(eps=1.0E-5, momentum=0.1) expects input of rank 1 [features] or 3 [channels, height, width] but got [4, 4]");
    }
}
