package org.gan4j.dl4j.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gan4j.dl4j.internal.graph.GanGraphsGradientTest.array;
import static org.gan4j.dl4j.internal.graph.GanGraphsGradientTest.toGan4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gan4j.Encoder;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.gan4j.loss.ReconstructionLikelihood;
import org.gan4j.losses.vae.BernoulliLikelihood;
import org.gan4j.losses.vae.GaussianLikelihood;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The VAE training graph against PyTorch (float64) on the same weights, batch and noise, for the Bernoulli and both
 * Gaussian likelihoods: the loss, −ELBO, reconstruction and KL terms, every parameter gradient (to 1e-6 relative,
 * in double precision), the reparameterization's gradient by central finite differences, and a 6-step Adam
 * trajectory (float32, 1e-4). Fixture: src/test/python/small_vae_gradients.py.
 */
class VaeGraphsGradientTest {
    static final Map<String, String> NAMES = Map.of(
            "conv.weight", "encoder/0_conv2d/W", "conv.bias", "encoder/0_conv2d/b",
            "hidden.weight", "encoder/3_dense/W", "hidden.bias", "encoder/3_dense/b",
            "head.weight", "encoder/5_dense/W", "head.bias", "encoder/5_dense/b",
            "d1.weight", "decoder/0_dense/W", "d1.bias", "decoder/0_dense/b",
            "d2.weight", "decoder/2_dense/W", "d2.bias", "decoder/2_dense/b");
    static final String LOG_VARIANCE = "decoder/likelihood/" + GaussianLikelihood.LOG_VARIANCE;
    static JsonNode fixture;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = VaeGraphsGradientTest.class.getResourceAsStream("/fixtures/small_vae_gradients.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
    }

    static ReconstructionLikelihood likelihood(String kind) {
        return switch (kind) {
            case "bernoulli" -> new BernoulliLikelihood();
            case "gaussian_fixed" -> GaussianLikelihood.fixed(0.5);
            case "gaussian_learned" -> GaussianLikelihood.learned();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static Map<String, String> names(String kind) {
        Map<String, String> names = new TreeMap<>(NAMES);
        if (kind.equals("gaussian_learned")) {
            names.put("log_variance", LOG_VARIANCE);
        }
        return names;
    }

    /** The graph over the fixture's weights. */
    static final class Built {
        final VaeGraphs.Networks networks;
        final VaeGraphs graphs;
        final DataType type;

        Built(String kind, DataType type) {
            this.type = type;
            Encoder encoder = Encoder.builder().input(1, 6, 6)
                    .conv2d(3, 3, 1, 1).leakyRelu(0.2).flatten().dense(10).tanh()
                    .latent(3).build();
            Generator decoder = Generator.builder().latent(LatentSpace.gaussian(3))
                    .dense(12).relu().dense(36).reshape(1, 6, 6).build();
            networks = new VaeGraphs.Networks(encoder, decoder, likelihood(kind),
                    new ParameterStore("encoder", Nd4j.getRandomFactory().getNewRandomInstance(1), type),
                    new ParameterStore("decoder", Nd4j.getRandomFactory().getNewRandomInstance(2), type));
            graphs = VaeGraphs.build(networks, 4, type, Execution.fromSystemProperty());
            JsonNode params = fixture.get("cases").get(kind).get("params");
            names(kind).forEach((torch, ours) -> {
                INDArray target = parameters().get(ours);
                assertThat(target).as("parameter %s", ours).isNotNull();
                target.assign(toGan4j(params.get(torch), target.shape()).castTo(type));
            });
        }

        Map<String, INDArray> parameters() {
            Map<String, INDArray> all = new TreeMap<>(networks.encoderStore().parameters());
            all.putAll(networks.decoderStore().parameters());
            return all;
        }

        Map<String, INDArray> feed() {
            return Map.of(VaeGraphs.X, array(fixture.get("x")).castTo(type),
                    VaeGraphs.EPSILON, array(fixture.get("epsilon")).castTo(type),
                    VaeGraphs.BETA, Nd4j.scalar(type, fixture.get("beta").asDouble()));
        }

        OutAndGrad run() {
            return ExecutionPlan.outputsAndGradients(graphs.trainingGraph(), feed(), List.of(VaeGraphs.LOSS,
                    VaeGraphs.NEGATIVE_ELBO, VaeGraphs.RECONSTRUCTION, VaeGraphs.KL), parameters().keySet());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli", "gaussian_fixed", "gaussian_learned"})
    void should_match_pytorch_terms_and_gradients_in_double_precision(String kind) {
        Built b = new Built(kind, DataType.DOUBLE);
        assertThat(b.parameters().keySet()).containsExactlyInAnyOrderElementsOf(names(kind).values());
        OutAndGrad r = b.run();
        JsonNode expected = fixture.get("cases").get(kind);
        for (String term : List.of(VaeGraphs.LOSS, VaeGraphs.NEGATIVE_ELBO, VaeGraphs.RECONSTRUCTION, VaeGraphs.KL)) {
            double reference = expected.get(term).asDouble();
            assertThat(r.getOutputs().get(term).getDouble(0)).as(term)
                    .isCloseTo(reference, within(1e-9 * Math.max(1, Math.abs(reference))));
        }
        names(kind).forEach((torch, ours) -> {
            INDArray gradient = r.getGradients().get(ours);
            INDArray reference = toGan4j(expected.get("grads").get(torch), gradient.shape());
            double error = gradient.castTo(DataType.DOUBLE).sub(reference).norm2Number().doubleValue()
                    / Math.max(reference.norm2Number().doubleValue(), 1e-12);
            assertThat(error).as("relative error of the gradient of %s (%s)", ours, torch).isLessThan(1e-6);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli", "gaussian_learned"})
    void should_give_the_reparameterized_gradient_that_finite_differences_give(String kind) {
        Built b = new Built(kind, DataType.DOUBLE);
        OutAndGrad r = b.run();
        double h = 1e-6;
        for (String name : List.of("encoder/5_dense/W", "encoder/5_dense/b", "encoder/0_conv2d/W")) {
            INDArray w = b.parameters().get(name);
            INDArray analytic = r.getGradients().get(name);
            for (long i : new long[] {0, w.length() / 2, w.length() - 1}) {
                double original = w.getDouble(i);
                w.putScalar(i, original + h);
                double up = b.run().getOutputs().get(VaeGraphs.LOSS).getDouble(0);
                w.putScalar(i, original - h);
                double down = b.run().getOutputs().get(VaeGraphs.LOSS).getDouble(0);
                w.putScalar(i, original);
                double numeric = (up - down) / (2 * h);
                assertThat(analytic.getDouble(i)).as("dL/d%s[%d]", name, i)
                        .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli", "gaussian_learned"})
    void should_follow_the_pytorch_trajectory_of_adam_steps(String kind) {
        Built b = new Built(kind, DataType.FLOAT);
        PhaseGraph phase = new PhaseGraph("vae", b.graphs.trainingGraph(), VaeGraphs.LOSS,
                new NetworkUpdater(OptimizerSpec.adam(1e-3, 0.9, 0.999), merged(b), 6), b.graphs.updates(), Execution.fromSystemProperty());
        JsonNode trajectory = fixture.get("cases").get(kind).get("trajectory");
        Map<String, INDArray> feed = b.feed();
        for (int i = 0; i < trajectory.size(); i++) {
            double loss = phase.step(feed, 0);
            double reference = trajectory.get(i).asDouble();
            assertThat(loss).as("loss at step %d", i + 1).isCloseTo(reference, within(1e-4 * Math.abs(reference)));
        }
        assertThat(phase.compiled()).isEqualTo(Execution.fromSystemProperty() == Execution.COMPILED);
    }

    private static Map<String, INDArray> merged(Built b) {
        Map<String, INDArray> all = new java.util.LinkedHashMap<>(b.networks.encoderStore().parameters());
        all.putAll(b.networks.decoderStore().parameters());
        return all;
    }
}
