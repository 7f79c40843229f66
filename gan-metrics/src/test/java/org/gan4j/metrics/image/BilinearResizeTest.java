package org.gan4j.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.gan4j.metrics.onnx.SmallInceptionFixture;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BilinearResizeTest {

    @Test
    void should_match_torch_interpolate_without_align_corners() {
        JsonNode fixture = SmallInceptionFixture.json();
        for (JsonNode c : fixture.get("resize")) {
            INDArray input = SmallInceptionFixture.array(c.get("input"));
            INDArray expected = SmallInceptionFixture.array(c.get("output"));
            INDArray actual = new BilinearResize(c.get("height").asInt(), c.get("width").asInt()).apply(input);
            assertThat(actual.shape()).containsExactly(expected.shape());
            double[] a = actual.data().asDouble();
            double[] e = expected.data().asDouble();
            for (int i = 0; i < e.length; i++) {
                assertThat(a[i]).as(c.get("name").asText() + " element " + i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void should_keep_a_constant_image_constant_and_rows_of_weights_summing_to_one() {
        INDArray constant = Nd4j.valueArrayOf(new long[] {2, 3, 28, 28}, 0.25, DataType.DOUBLE);
        INDArray resized = new BilinearResize(299, 299).apply(constant);
        assertThat(resized.shape()).containsExactly(2, 3, 299, 299);
        assertThat(resized.minNumber().doubleValue()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(resized.maxNumber().doubleValue()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-15));
        INDArray sums = BilinearResize.weights(299, 28, DataType.DOUBLE).sum(1);
        assertThat(sums.minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(sums.maxNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void should_refuse_bad_sizes_and_shapes() {
        assertThatThrownBy(() -> new BilinearResize(0, 5)).hasMessage("height must be >= 1 but was 0");
        assertThatThrownBy(() -> new BilinearResize(5, -1)).hasMessage("width must be >= 1 but was -1");
        assertThatThrownBy(() -> new BilinearResize(5, 5).apply(Nd4j.zeros(3, 4)))
                .hasMessage("images must have shape [n, c, h, w] but was [3, 4]");
    }
}
