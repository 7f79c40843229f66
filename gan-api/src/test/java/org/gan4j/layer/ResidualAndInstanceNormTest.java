package org.gan4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gan4j.Shape;
import org.junit.jupiter.api.Test;

class ResidualAndInstanceNormTest {

    @Test
    void should_keep_the_shape_through_a_residual_block() {
        assertThat(Residual.block(64).outputShape(Shape.of(64, 7, 7))).isEqualTo(Shape.of(64, 7, 7));
        assertThat(Residual.block(64).layers()).hasSize(5);
        assertThat(Residual.block(8).toString()).isEqualTo("residual[conv2d(8, k3 s1 p1, no bias), instanceNorm(eps=1.0E-5),"
                + " relu, conv2d(8, k3 s1 p1, no bias), instanceNorm(eps=1.0E-5)]");
    }

    @Test
    void should_refuse_a_residual_branch_that_changes_the_shape() {
        Residual widening = new Residual(List.of(new Conv2d(16, 3, 1, 1, true)));
        assertThatThrownBy(() -> widening.outputShape(Shape.of(8, 7, 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("residual[conv2d(16, k3 s1 p1)] must keep its input shape [8, 7, 7] but produces [16, 7, 7]");
        assertThatThrownBy(() -> Residual.block(8).outputShape(Shape.of(8)))
                .hasMessageStartingWith("residual layer 0: conv2d(8, k3 s1 p1, no bias) expects input of rank 3");
        assertThatThrownBy(() -> new Residual(List.of())).hasMessage("layers must hold at least one layer but was empty");
        assertThatThrownBy(() -> Residual.block(0)).hasMessage("channels must be >= 1 but was 0");
    }

    @Test
    void should_normalise_images_only() {
        assertThat(InstanceNorm.DEFAULT.outputShape(Shape.of(3, 5, 5))).isEqualTo(Shape.of(3, 5, 5));
        assertThatThrownBy(() -> InstanceNorm.DEFAULT.outputShape(Shape.of(12)))
                .hasMessage("instanceNorm(eps=1.0E-5) expects input of rank 3 [channels, height, width] but got [12]");
        assertThatThrownBy(() -> new InstanceNorm(0, true)).hasMessage("epsilon must be > 0 but was 0.0");
        assertThat(new InstanceNorm(1e-3, true).toString()).isEqualTo("instanceNorm(eps=0.001, affine)");
    }
}
