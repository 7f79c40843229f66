package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Both protocols against the committed reference vectors (is_expected.json), to 1e-9 relative. */
class InceptionScoreTest {

    static Stream<JsonNode> cases() {
        return StreamSupport.stream(Vectors.json("is_expected.json").get("cases").spliterator(), false);
    }

    static void assertClose(IsResult r, JsonNode c, String protocol) {
        double mean = c.get(protocol + "_mean").asDouble();
        double std = c.get(protocol + "_std").asDouble();
        assertThat(r.mean()).as(protocol + " mean").isCloseTo(mean, within(1e-9 * mean));
        assertThat(r.std()).as(protocol + " std").isCloseTo(std, within(1e-9 * Math.max(std, 1e-3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void should_match_torch_fidelity_without_and_with_its_shuffle(JsonNode c) {
        INDArray logits = Vectors.matrix(c.get("logits_file").asText());
        assertClose(InceptionScore.fromLogits(logits, 10), c, "is_tfid_noshuffle");
        assertClose(InceptionScore.fromLogits(logits, 10, Vectors.ints(c.get("perm_file").asText())), c, "is_tfid_shuffle2020");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void should_match_openais_protocol_on_probabilities(JsonNode c) {
        String probs = c.get("probs_file").asText();
        INDArray p = probs.isEmpty() ? null : Vectors.matrix(probs);
        if (p != null) {
            assertClose(InceptionScore.fromProbabilities(p, 10), c, "is_original");
        } else {
            assertClose(InceptionScore.fromLogits(Vectors.matrix(c.get("logits_file").asText()), 10), c, "is_original");
        }
    }

    @Test
    void should_give_one_for_identical_predictions_and_the_class_count_for_confident_uniform_ones() {
        INDArray same = Nd4j.create(new double[][] {{0.2, 0.8}, {0.2, 0.8}, {0.2, 0.8}, {0.2, 0.8}});
        assertThat(InceptionScore.fromProbabilities(same, 2).mean()).isCloseTo(1.0, within(1e-12));
        INDArray confident = Nd4j.create(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        IsResult r = InceptionScore.fromProbabilities(confident, 2);
        assertThat(r.mean()).isCloseTo(3.0, within(1e-12));
        assertThat(r.std()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void should_refuse_bad_arguments() {
        INDArray logits = Nd4j.rand(4, 3);
        assertThatThrownBy(() -> InceptionScore.fromLogits(logits, 5)).hasMessage("splits must be in [1, 4] but was 5");
        assertThatThrownBy(() -> InceptionScore.fromLogits(logits, 2, new int[] {0, 1, 1, 3}))
                .hasMessage("permutation must hold each of 0..3 once but has 1 twice");
        assertThatThrownBy(() -> InceptionScore.fromLogits(Nd4j.rand(4), 2))
                .hasMessage("logits must have shape [N >= 1, classes >= 2] but was [4]");
    }
}
