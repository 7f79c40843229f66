package org.gan4j.metrics.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OnnxFeatureExtractorTest {
    private static JsonNode fixture;
    private static OnnxFeatureExtractor extractor;

    @BeforeAll
    static void open() {
        fixture = SmallInceptionFixture.json();
        extractor = OnnxFeatureExtractor.builder().model(SmallInceptionFixture.model(), "small_inception.onnx").build();
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @Test
    void should_read_the_input_shape_and_output_sizes_from_the_model() {
        assertThat(extractor.inputShape()).isEqualTo(Shape.of(3, 299, 299));
        assertThat(extractor.featureDimension()).isEqualTo(32);
        assertThat(extractor.classes()).isEqualTo(10);
    }

    @Test
    void should_match_torch_features_and_logits_after_the_fid_preprocessing() {
        for (JsonNode c : fixture.get("cases")) {
            INDArray images = SmallInceptionFixture.array(c.get("images")).castTo(DataType.FLOAT);
            assertCloseRelative(extractor.features(images), SmallInceptionFixture.array(c.get("pool3")), c.get("name").asText());
            assertCloseRelative(extractor.logits(images), SmallInceptionFixture.array(c.get("logits")), c.get("name").asText());
        }
    }

    @Test
    void should_give_the_same_features_whatever_the_batch_size() {
        INDArray images = SmallInceptionFixture.array(fixture.get("cases").get(0).get("images")).castTo(DataType.FLOAT);
        try (OnnxFeatureExtractor oneByOne = OnnxFeatureExtractor.builder()
                .model(SmallInceptionFixture.model(), "small_inception.onnx").batchSize(1).threads(1).build()) {
            assertCloseRelative(oneByOne.features(images), extractor.features(images).castTo(DataType.DOUBLE), "batch 1");
        }
    }

    @Test
    void should_map_pixels_to_the_range_the_model_expects() {
        INDArray images = SmallInceptionFixture.array(fixture.get("cases").get(1).get("images")).castTo(DataType.FLOAT);
        try (OnnxFeatureExtractor unitRange = OnnxFeatureExtractor.builder()
                .model(SmallInceptionFixture.model(), "small_inception.onnx").inputRange(0, 1).build()) {
            INDArray halved = images.add(1.0).muli(0.5);
            assertCloseRelative(unitRange.features(images), extractor.features(halved).castTo(DataType.DOUBLE), "range [0, 1]");
        }
    }

    @Test
    void should_refuse_images_with_a_channel_count_the_model_cannot_take() {
        assertThatThrownBy(() -> extractor.features(Nd4j.zeros(DataType.FLOAT, 2, 2, 28, 28)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("images must have shape [n, 3 or 1, h, w] but was [2, 2, 28, 28]");
    }

    @Test
    void should_name_the_missing_output_and_list_the_model_outputs() {
        assertThatThrownBy(() -> OnnxFeatureExtractor.builder().model(SmallInceptionFixture.model(), "small_inception.onnx")
                .featuresOutput("avgpool").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model small_inception.onnx has no output named avgpool; its outputs are [pool3, logits]");
    }

    @Test
    void should_refuse_a_file_that_is_not_an_onnx_model(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.onnx");
        byte[] model = SmallInceptionFixture.model();
        Files.write(broken, java.util.Arrays.copyOf(model, model.length / 2));
        assertThatThrownBy(() -> OnnxFeatureExtractor.inceptionV3(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model " + broken + " is not a valid ONNX model");
        assertThatThrownBy(() -> OnnxFeatureExtractor.inceptionV3(dir.resolve("absent.onnx")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onnxFile must be an existing file but was " + dir.resolve("absent.onnx"));
    }

    @Test
    void should_validate_the_builder_settings() {
        assertThatThrownBy(() -> OnnxFeatureExtractor.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessage("missing: model");
        assertThatThrownBy(() -> OnnxFeatureExtractor.builder().batchSize(0))
                .hasMessage("batchSize must be >= 1 but was 0");
        assertThatThrownBy(() -> OnnxFeatureExtractor.builder().inputRange(1, 0))
                .hasMessage("inputRange must be finite with low < high but was [1.0, 0.0]");
        assertThatThrownBy(() -> OnnxFeatureExtractor.builder().threads(0))
                .hasMessage("threads must be >= 1 but was 0");
        assertThatThrownBy(() -> OnnxFeatureExtractor.builder().inputSize(299, 299)
                .model(SmallInceptionFixture.model(), "small_inception.onnx").inputSize(224, 224).build())
                .hasMessage("inputSize 224 x 224 differs from the model's input [-1, 3, 299, 299]");
    }

    private static void assertCloseRelative(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double[] a = actual.castTo(DataType.DOUBLE).data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertThat(Math.abs(a[i] - e[i])).as("%s element %d: %s vs %s", what, i, a[i], e[i])
                    .isLessThanOrEqualTo(1e-4 * Math.abs(e[i]) + 1e-7);
        }
    }
}
