package org.gan4j.dl4j.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.gan4j.Discriminator;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.graph.NetworkCompiler.Mode;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spectral normalization against {@code torch.nn.utils.spectral_norm} (float64): three consecutive SGD steps of a
 * network with spectrally normalized conv, transposed conv and dense layers, through the training phase machinery
 * (power iteration before each step, gradient through σ, update): per step the loss, σ of each layer, u after the
 * iteration and every parameter gradient. Fixture: src/test/python/spectral_norm_steps.py.
 */
class SpectralNormFixtureTest {
    static final Map<String, String> LAYERS = Map.of("conv", "D/0_conv2d", "deconv", "D/2_deconv2d", "fc", "D/5_dense");

    @ParameterizedTest
    @EnumSource(Execution.class)
    void should_match_pytorch_over_three_training_steps(Execution execution) throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/spectral_norm_steps.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        Discriminator critic = Discriminator.builder().input(2, 6, 6)
                .conv2d(3, 3, 1, 1).spectralNorm().leakyRelu(0.2)
                .deconv2d(2, 4, 2, 1).spectralNorm().leakyRelu(0.2)
                .flatten().dense(1).spectralNorm().build();
        ParameterStore store = new ParameterStore("D", Nd4j.getRandomFactory().getNewRandomInstance(1), DataType.DOUBLE);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, 3, 2, 6, 6);
        SDVariable out = new NetworkCompiler(critic.body(), critic.inputShape(), critic.weightInit(), DataType.DOUBLE, execution)
                .compile(new GraphParameters(sd, store), x, Mode.TRAINING, 3).output();
        out.mul(sd.constant(GanGraphsGradientTest.array(fixture.get("c")))).sum().rename("loss");
        LAYERS.forEach((torch, ours) -> {
            JsonNode initial = fixture.get("initial").get(torch);
            INDArray w = store.parameters().get(ours + "/W");
            w.assign(GanGraphsGradientTest.toGan4j(initial.get("weight"), w.shape()));
            store.parameters().get(ours + "/b").assign(GanGraphsGradientTest.array(initial.get("bias")));
            store.state().get(ours + "/sn_u").assign(GanGraphsGradientTest.array(initial.get("u")).reshape(1, -1));
        });
        double lr = fixture.get("lr").asDouble();
        PhaseGraph phase = new PhaseGraph("critic", sd, "loss",
                new NetworkUpdater(OptimizerSpec.sgd(lr), store.parameters()), List.of(), execution);
        phase.iterateSpectralNormsOf(store);
        Map<String, INDArray> feed = Map.of("x", GanGraphsGradientTest.array(fixture.get("x")));

        for (int step = 0; step < 3; step++) {
            JsonNode expected = fixture.get("steps").get(step);
            Map<String, INDArray> before = copies(store.parameters());
            double loss = phase.step(feed, 0);

            assertThat(loss).as("loss at step %d", step).isCloseTo(expected.get("loss").asDouble(), within(1e-7));
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                JsonNode reference = expected.get("layers").get(layer.getKey());
                String key = layer.getValue();
                INDArray u = store.state().get(key + "/sn_u");
                INDArray v = store.state().get(key + "/sn_v");
                SpectralNormIteration weightBefore = new SpectralNormIteration(before.get(key + "/W"), outAxis(key), u, v);
                double sigma = v.transpose().mmul(weightBefore.matrix()).mmul(u.reshape(-1, 1)).getDouble(0);
                assertThat(sigma).as("sigma of %s at step %d", key, step)
                        .isCloseTo(reference.get("sigma").asDouble(), within(1e-7));
                assertClose(u.reshape(-1), GanGraphsGradientTest.array(reference.get("u")), "u of " + key, step);
                assertClose(gradient(before, store, key + "/W", lr),
                        GanGraphsGradientTest.toGan4j(reference.get("grad_weight"), store.parameters().get(key + "/W").shape()),
                        "gradient of " + key + "/W", step);
                assertClose(gradient(before, store, key + "/b", lr),
                        GanGraphsGradientTest.array(reference.get("grad_bias")), "gradient of " + key + "/b", step);
            }
        }
    }

    private static int outAxis(String key) {
        return key.endsWith("dense") ? 1 : key.endsWith("deconv2d") ? 2 : 3;
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
        Map<String, INDArray> copies = new java.util.HashMap<>();
        arrays.forEach((k, v) -> copies.put(k, v.dup()));
        return copies;
    }

    /** SGD's update undone: g = (θ_before − θ_after)/lr. */
    private static INDArray gradient(Map<String, INDArray> before, ParameterStore store, String name, double lr) {
        return before.get(name).sub(store.parameters().get(name)).divi(lr);
    }

    private static void assertClose(INDArray actual, INDArray expected, String what, int step) {
        INDArray reference = expected.reshape(actual.shape());
        double error = actual.sub(reference).norm2Number().doubleValue()
                / Math.max(reference.norm2Number().doubleValue(), 1e-12);
        assertThat(error).as("relative error of the %s at step %d", what, step).isLessThan(1e-6);
    }
}
