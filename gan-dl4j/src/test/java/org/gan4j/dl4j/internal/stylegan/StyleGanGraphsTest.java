package org.gan4j.dl4j.internal.stylegan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gan4j.dl4j.internal.stylegan.StyleGanFixture.JSON;
import static org.gan4j.dl4j.internal.stylegan.StyleGanFixture.array;
import static org.gan4j.dl4j.internal.stylegan.StyleGanFixture.relativeError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.zoo.StyleGan2;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The four StyleGAN2 training graphs against PyTorch float64 on the same weights and inputs (fixture:
 * src/test/python/stylegan2_fixture.py): forward values (w, every synthesis block's maps and skip image, the
 * discriminator's logits through its minibatch standard deviation layer) and every parameter gradient of G main,
 * D main, R1 (double backprop in PyTorch; hand-written input gradients here) and path length regularization, to
 * 1e-6 relative in double precision.
 */
class StyleGanGraphsTest {
    static final DataType TYPE = DataType.DOUBLE;
    static final double TOLERANCE = 1e-6;

    private final StyleGan2 arch = StyleGanFixture.arch();
    private final int batch = StyleGanFixture.batch();
    private final ParameterStore g = new ParameterStore("G", Nd4j.getRandomFactory().getNewRandomInstance(1), TYPE);
    private final ParameterStore d = new ParameterStore("D", Nd4j.getRandomFactory().getNewRandomInstance(2), TYPE);

    private Map<String, INDArray> mainFeed(boolean real) {
        Map<String, INDArray> feed = StyleGanFixture.generatorFeed(JSON.get("inputs").get("main"), TYPE);
        if (real) {
            feed.put(StyleGanGraphs.REAL, array(JSON.get("inputs").get("main").get("real")).castTo(TYPE));
        }
        return feed;
    }

    private OutAndGrad run(SameDiff graph, Map<String, INDArray> feed, List<String> outputs, ParameterStore trained) {
        StyleGanFixture.load(JSON.get("weights"), TYPE, g, d);
        return ExecutionPlan.outputsAndGradients(graph, feed, outputs, trained.parameters().keySet());
    }

    private void assertGradients(OutAndGrad result, ParameterStore trained, JsonNode expected) {
        assertThat(trained.parameters()).hasSize(expected.size());
        for (String name : trained.parameters().keySet()) {
            INDArray gradient = result.getGradients().get(name);
            INDArray actual = gradient == null ? Nd4j.zeros(TYPE, trained.parameters().get(name).shape()) : gradient;
            assertThat(relativeError(actual, expected.get(name))).as("relative error of the gradient of %s", name)
                    .isLessThan(TOLERANCE);
        }
    }

    private static void assertClose(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }

    @ParameterizedTest(name = "fused ops: {0}")
    @ValueSource(booleans = {false, true})
    void generator_main_matches_pytorch_forward_values_and_gradients(boolean fused) {
        SameDiff graph = StyleGanGraphs.generatorMain(arch, g, d, batch, TYPE, fused);
        List<String> outputs = new ArrayList<>(List.of(StyleGanGraphs.LOSS, StyleGanGraphs.W_MEAN));
        for (int res : arch.blockResolutions()) {
            outputs.add(SynthesisNetwork.key(res, "x"));
            outputs.add(SynthesisNetwork.key(res, "img"));
        }
        OutAndGrad r = run(graph, mainFeed(false), outputs, g);
        JsonNode forward = JSON.get("forward");
        for (int res : arch.blockResolutions()) {
            for (String what : List.of("x", "img")) {
                String name = SynthesisNetwork.key(res, what);
                assertThat(relativeError(r.getOutputs().get(name), forward.get(name))).as(name).isLessThan(1e-9);
            }
        }
        assertThat(relativeError(r.getOutputs().get(StyleGanGraphs.W_MEAN), meanOverBatch(forward.get("w")))).as("mean w").isLessThan(1e-9);
        JsonNode expected = JSON.get("losses").get("g_main");
        assertClose(r.getOutputs().get(StyleGanGraphs.LOSS).getDouble(0), expected.get("loss").asDouble(), "G main loss");
        assertGradients(r, g, expected.get("grads"));
    }

    private static JsonNode meanOverBatch(JsonNode w) {
        INDArray mean = array(w).mean(0);
        com.fasterxml.jackson.databind.node.ObjectNode node = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        node.putArray("shape").add(mean.length());
        com.fasterxml.jackson.databind.node.ArrayNode values = node.putArray("values");
        for (double v : mean.toDoubleVector()) {
            values.add(v);
        }
        return node;
    }

    @ParameterizedTest(name = "fused ops: {0}")
    @ValueSource(booleans = {false, true})
    void discriminator_main_matches_pytorch_loss_and_gradients(boolean fused) {
        SameDiff graph = StyleGanGraphs.discriminatorMain(arch, g, d, batch, TYPE, fused);
        OutAndGrad r = run(graph, mainFeed(true), List.of(StyleGanGraphs.LOSS), d);
        JsonNode expected = JSON.get("losses").get("d_main");
        assertClose(r.getOutputs().get(StyleGanGraphs.LOSS).getDouble(0), expected.get("loss").asDouble(), "D main loss");
        assertGradients(r, d, expected.get("grads"));
    }

    @ParameterizedTest(name = "fused ops: {0}")
    @ValueSource(booleans = {false, true})
    void r1_matches_pytorch_double_backprop(boolean fused) {
        SameDiff graph = StyleGanGraphs.r1(arch, d, batch, TYPE, StyleGanFixture.setting("r1_gamma"),
                StyleGanFixture.setting("r1_interval"), fused);
        OutAndGrad r = run(graph, Map.of(StyleGanGraphs.REAL, array(JSON.get("inputs").get("main").get("real")).castTo(TYPE)),
                List.of(StyleGanGraphs.LOSS, StyleGanGraphs.R1_PENALTIES), d);
        JsonNode expected = JSON.get("losses").get("r1");
        assertThat(relativeError(r.getOutputs().get(StyleGanGraphs.R1_PENALTIES), expected.get("penalties")))
                .as("R1 penalties").isLessThan(1e-9);
        assertClose(r.getOutputs().get(StyleGanGraphs.LOSS).getDouble(0), expected.get("loss").asDouble(), "R1 loss");
        assertGradients(r, d, expected.get("grads"));
    }

    @ParameterizedTest(name = "fused ops: {0}")
    @ValueSource(booleans = {false, true})
    void path_length_regularization_matches_pytorch_double_backprop(boolean fused) {
        double weight = StyleGanFixture.setting("pl_weight") * StyleGanFixture.setting("pl_interval");
        SameDiff graph = StyleGanGraphs.pathLength(arch, g, batch / 2, TYPE, weight, 0.01, fused);
        JsonNode inputs = JSON.get("inputs").get("path_length");
        Map<String, INDArray> feed = StyleGanFixture.generatorFeed(inputs, TYPE);
        feed.put(StyleGanGraphs.PL_NOISE, array(inputs.get("pl_noise")).castTo(TYPE));
        feed.put(StyleGanGraphs.PL_MEAN, Nd4j.create(new double[] {StyleGanFixture.setting("pl_mean")}, new long[] {1}, TYPE));
        OutAndGrad r = run(graph, feed, List.of(StyleGanGraphs.LOSS, StyleGanGraphs.PL_PENALTY, StyleGanGraphs.PL_LENGTH), g);
        JsonNode expected = JSON.get("losses").get("path_length");
        assertClose(r.getOutputs().get(StyleGanGraphs.PL_PENALTY).getDouble(0), expected.get("loss").asDouble(),
                "path length penalty");
        assertClose(r.getOutputs().get(StyleGanGraphs.PL_LENGTH).getDouble(0),
                array(expected.get("lengths")).meanNumber().doubleValue(), "mean path length");
        assertGradients(r, g, expected.get("grads"));
    }
}
