package org.gan4j.dl4j.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gan4j.dl4j.internal.graph.GanGraphsGradientTest.array;
import static org.gan4j.dl4j.internal.graph.GanGraphsGradientTest.assertGradients;
import static org.gan4j.dl4j.internal.graph.GanGraphsGradientTest.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.Discriminator;
import org.gan4j.Translator;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.gan4j.dl4j.internal.family.CycleGanStep;
import org.gan4j.layer.Conv2d;
import org.gan4j.layer.InstanceNorm;
import org.gan4j.losses.LeastSquaresLoss;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Both CycleGAN training phases against PyTorch (float64) on the same weights and batches: each loss term, every
 * parameter gradient of the four networks, and a 12-step Adam trajectory. Fixture:
 * src/test/python/small_cyclegan_gradients.py.
 */
class CycleGanGraphsGradientTest {
    static final Map<String, String> TRANSLATOR_NAMES = Map.of(
            "c1.weight", "0_conv2d/W", "c2.weight", "3_conv2d/W", "n2.weight", "4_instanceNorm/gamma",
            "n2.bias", "4_instanceNorm/beta", "r1.weight", "6_residual/0_conv2d/W", "r2.weight", "6_residual/3_conv2d/W",
            "up.weight", "7_deconv2d/W", "out.weight", "10_conv2d/W", "out.bias", "10_conv2d/b");
    static final Map<String, String> PATCH_NAMES = Map.of(
            "c1.weight", "0_conv2d/W", "c1.bias", "0_conv2d/b", "c2.weight", "2_conv2d/W",
            "c3.weight", "5_conv2d/W", "c3.bias", "5_conv2d/b");

    JsonNode fixture;
    CycleGanGraphs.Networks networks;
    CycleGanGraphs graphs;

    static Map<String, String> prefixed(String network, Map<String, String> names) {
        Map<String, String> result = new HashMap<>();
        names.forEach((torch, ours) -> result.put(torch, network + "/" + ours));
        return result;
    }

    @BeforeEach
    void build() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/small_cyclegan_gradients.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        Translator translator = Translator.builder().input(1, 8, 8)
                .conv2d(4, 3, 1, 1).withoutBias().instanceNorm().relu()
                .conv2d(8, 3, 2, 1).withoutBias().instanceNorm(1e-5, true).relu()
                .residual(new Conv2d(8, 3, 1, 1, false), InstanceNorm.DEFAULT, new org.gan4j.layer.ActivationLayer(
                        org.gan4j.Activation.relu()), new Conv2d(8, 3, 1, 1, false), InstanceNorm.DEFAULT)
                .deconv2d(4, 4, 2, 1).withoutBias().instanceNorm().relu()
                .conv2d(1, 3, 1, 1).tanh()
                .build();
        Discriminator patch = Discriminator.builder().input(1, 8, 8)
                .conv2d(4, 4, 2, 1).leakyRelu(0.2)
                .conv2d(8, 4, 2, 1).withoutBias().instanceNorm().leakyRelu(0.2)
                .conv2d(1, 3, 1, 1)
                .build();
        networks = new CycleGanGraphs.Networks(translator, translator, patch, patch, store("G"), store("F"),
                store("DX"), store("DY"));
        graphs = CycleGanGraphs.build(networks, LeastSquaresLoss.cycleGan(), 10, 5, 3, DataType.FLOAT,
                org.gan4j.dl4j.Execution.fromSystemProperty());
        load(fixture.get("g"), prefixed("G", TRANSLATOR_NAMES), networks.gStore());
        load(fixture.get("f"), prefixed("F", TRANSLATOR_NAMES), networks.fStore());
        load(fixture.get("dx"), prefixed("DX", PATCH_NAMES), networks.dxStore());
        load(fixture.get("dy"), prefixed("DY", PATCH_NAMES), networks.dyStore());
    }

    static ParameterStore store(String name) {
        return new ParameterStore(name, Nd4j.getRandomFactory().getNewRandomInstance(name.hashCode()));
    }

    INDArray input(String name) {
        return array(fixture.get(name)).castTo(DataType.FLOAT);
    }

    @Test
    void should_create_exactly_the_parameters_of_the_reference_networks() {
        assertThat(networks.gStore().parameters().keySet())
                .containsExactlyInAnyOrderElementsOf(prefixed("G", TRANSLATOR_NAMES).values());
        assertThat(networks.dyStore().parameters().keySet())
                .containsExactlyInAnyOrderElementsOf(prefixed("DY", PATCH_NAMES).values());
    }

    @Test
    void should_match_pytorch_in_the_generator_phase() {
        List<String> outputs = List.of(CycleGanGraphs.GENERATOR_LOSS, CycleGanGraphs.ADVERSARIAL_XY,
                CycleGanGraphs.ADVERSARIAL_YX, CycleGanGraphs.CYCLE_X, CycleGanGraphs.CYCLE_Y, CycleGanGraphs.IDENTITY,
                CycleGanGraphs.FAKE_X, CycleGanGraphs.FAKE_Y);
        List<String> params = new java.util.ArrayList<>(networks.gStore().parameters().keySet());
        params.addAll(networks.fStore().parameters().keySet());
        OutAndGrad r = ExecutionPlan.outputsAndGradients(graphs.generatorGraph(),
                Map.of(CycleGanGraphs.X, input("x"), CycleGanGraphs.Y, input("y")), outputs, params);
        Map<String, INDArray> out = r.getOutputs();
        assertThat(out.get(CycleGanGraphs.GENERATOR_LOSS).getDouble(0))
                .isCloseTo(fixture.get("generator_loss").asDouble(), within(2e-5));
        for (String term : List.of(CycleGanGraphs.ADVERSARIAL_XY, CycleGanGraphs.ADVERSARIAL_YX, CycleGanGraphs.CYCLE_X,
                CycleGanGraphs.CYCLE_Y, CycleGanGraphs.IDENTITY)) {
            assertThat(out.get(term).getDouble(0)).as(term)
                    .isCloseTo(fixture.get("terms").get(term).asDouble(), within(1e-5));
        }
        assertThat(maxDifference(out.get(CycleGanGraphs.FAKE_X), input("fake_x"))).isLessThan(1e-5);
        assertThat(maxDifference(out.get(CycleGanGraphs.FAKE_Y), input("fake_y"))).isLessThan(1e-5);
        Map<String, INDArray> g = new HashMap<>();
        Map<String, INDArray> f = new HashMap<>();
        r.getGradients().forEach((name, gradient) -> (name.startsWith("G/") ? g : f).put(name, gradient));
        assertGradients(g, fixture.get("grad_g"), prefixed("G", TRANSLATOR_NAMES));
        assertGradients(f, fixture.get("grad_f"), prefixed("F", TRANSLATOR_NAMES));
    }

    @Test
    void should_match_pytorch_in_the_discriminator_phase() {
        List<String> params = new java.util.ArrayList<>(networks.dxStore().parameters().keySet());
        params.addAll(networks.dyStore().parameters().keySet());
        OutAndGrad r = ExecutionPlan.outputsAndGradients(graphs.discriminatorGraph(), Map.of(CycleGanGraphs.X, input("x"),
                        CycleGanGraphs.Y, input("y"), CycleGanGraphs.FAKE_X, input("fake_x"), CycleGanGraphs.FAKE_Y,
                        input("fake_y")),
                List.of(CycleGanGraphs.DISCRIMINATOR_LOSS, CycleGanGraphs.DISCRIMINATOR_X, CycleGanGraphs.DISCRIMINATOR_Y),
                params);
        Map<String, INDArray> out = r.getOutputs();
        assertThat(out.get(CycleGanGraphs.DISCRIMINATOR_LOSS).getDouble(0))
                .isCloseTo(fixture.get("discriminator_loss").asDouble(), within(1e-5));
        assertThat(out.get(CycleGanGraphs.DISCRIMINATOR_X).getDouble(0))
                .isCloseTo(fixture.get("terms").get("discriminator_x").asDouble(), within(1e-5));
        Map<String, INDArray> dx = new HashMap<>();
        Map<String, INDArray> dy = new HashMap<>();
        r.getGradients().forEach((name, gradient) -> (name.startsWith("DX/") ? dx : dy).put(name, gradient));
        assertGradients(dx, fixture.get("grad_dx"), prefixed("DX", PATCH_NAMES));
        assertGradients(dy, fixture.get("grad_dy"), prefixed("DY", PATCH_NAMES));
    }

    @Test
    void should_follow_the_pytorch_trajectory_of_alternating_adam_steps() {
        OptimizerSpec adam = OptimizerSpec.adam(2e-4, 0.5, 0.999);
        CycleGanStep step = new CycleGanStep(graphs, networks, adam, adam, 12, 3, 0, 1, 2, org.gan4j.dl4j.Execution.fromSystemProperty());
        step.x().assign(input("x"));
        step.y().assign(input("y"));
        JsonNode trajectory = fixture.get("trajectory");
        for (int i = 0; i < trajectory.size(); i++) {
            double g = step.trainGenerators(0);
            double d = step.trainDiscriminators(0);
            assertThat(g).as("generator loss at step %d", i + 1)
                    .isCloseTo(trajectory.get(i).get(0).asDouble(), within(1e-4 * Math.abs(g)));
            assertThat(d).as("discriminator loss at step %d", i + 1)
                    .isCloseTo(trajectory.get(i).get(1).asDouble(), within(1e-4 * Math.abs(d)));
        }
        boolean compiled = org.gan4j.dl4j.Execution.fromSystemProperty() == org.gan4j.dl4j.Execution.COMPILED;
        assertThat(step.generatorPhase().compiled()).as("generator phase compiled").isEqualTo(compiled);
        assertThat(step.discriminatorPhase().compiled()).as("discriminator phase compiled").isEqualTo(compiled);
        // at 2 threads (the tests' setting) 8 of the 12 steps ran both phases in two lanes
        boolean lanes = compiled && org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads() > 1;
        assertThat(step.generatorPhase().inTwoLanes()).as("generator phase in two lanes").isEqualTo(lanes);
        assertThat(step.discriminatorPhase().inTwoLanes()).as("discriminator phase in two lanes").isEqualTo(lanes);
    }

    static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
