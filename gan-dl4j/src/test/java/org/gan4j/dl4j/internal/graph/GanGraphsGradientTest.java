package org.gan4j.dl4j.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.gan4j.losses.NonSaturatingLoss;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Both training phases of a small DCGAN-shaped GAN against PyTorch (float64) on the same weights and batches:
 * losses and every parameter gradient. Fixture: src/test/python/small_dcgan_gradients.py.
 */
class GanGraphsGradientTest {
    static JsonNode fixture;
    static ParameterStore g;
    static ParameterStore d;
    static GanGraphs graphs;
    static Generator generator;
    static Discriminator discriminator;

    static final Map<String, String> G_NAMES = Map.of(
            "fc.weight", "G/0_dense/W", "bn0.weight", "G/2_batchNorm/gamma", "bn0.bias", "G/2_batchNorm/beta",
            "up1.weight", "G/4_deconv2d/W", "bn1.weight", "G/5_batchNorm/gamma", "bn1.bias", "G/5_batchNorm/beta",
            "up2.weight", "G/7_deconv2d/W", "up2.bias", "G/7_deconv2d/b");
    static final Map<String, String> D_NAMES = Map.of(
            "c1.weight", "D/0_conv2d/W", "c1.bias", "D/0_conv2d/b", "c2.weight", "D/2_conv2d/W",
            "bn.weight", "D/3_batchNorm/gamma", "bn.bias", "D/3_batchNorm/beta", "fc.weight", "D/6_dense/W",
            "fc.bias", "D/6_dense/b");

    @BeforeAll
    static void build() throws IOException {
        try (InputStream in = GanGraphsGradientTest.class.getResourceAsStream("/fixtures/small_dcgan_gradients.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        generator = Generator.builder().latent(LatentSpace.gaussian(8))
                .dense(4 * 7 * 7).withoutBias().reshape(4, 7, 7).batchNorm().relu()
                .deconv2d(3, 4, 2, 1).withoutBias().batchNorm().relu()
                .deconv2d(1, 4, 2, 1).tanh().build();
        discriminator = Discriminator.builder().input(1, 28, 28)
                .conv2d(4, 4, 2, 1).leakyRelu(0.2)
                .conv2d(8, 4, 2, 1).withoutBias().batchNorm().leakyRelu(0.2)
                .flatten().dense(1).build();
        g = new ParameterStore("G", Nd4j.getRandomFactory().getNewRandomInstance(1));
        d = new ParameterStore("D", Nd4j.getRandomFactory().getNewRandomInstance(2));
        graphs = GanGraphs.build(generator, discriminator, new NonSaturatingLoss(), java.util.List.of(), 6, g, d,
                org.gan4j.dl4j.Execution.fromSystemProperty());
        load(fixture.get("g"), G_NAMES, g);
        load(fixture.get("d"), D_NAMES, d);
    }

    /** PyTorch layout to gan4j layout: Linear [out, in] → [in, out]; (transposed) conv [a, b, k, k] → [k, k, b, a]. */
    static INDArray toGan4j(JsonNode tensor, long[] targetShape) {
        INDArray t = array(tensor);
        if (t.rank() == 4) {
            t = t.permute(2, 3, 1, 0);
        } else if (t.rank() == 2) {
            t = t.transpose();
        }
        return t.dup('c').reshape(targetShape);
    }

    static INDArray array(JsonNode tensor) {
        long[] shape = new long[tensor.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.get("shape").get(i).asLong();
        }
        double[] values = new double[tensor.get("values").size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.get("values").get(i).asDouble();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE);
    }

    static void load(JsonNode params, Map<String, String> names, ParameterStore store) {
        names.forEach((torch, ours) -> {
            INDArray target = store.parameters().get(ours);
            target.assign(toGan4j(params.get(torch), target.shape()).castTo(DataType.FLOAT));
        });
    }

    static void assertGradients(Map<String, INDArray> ours, JsonNode expected, Map<String, String> names) {
        assertThat(ours).hasSize(names.size());
        names.forEach((torch, name) -> {
            INDArray reference = toGan4j(expected.get(torch), ours.get(name).shape());
            INDArray actual = ours.get(name).castTo(DataType.DOUBLE);
            double scale = Math.max(reference.norm2Number().doubleValue(), 1e-12);
            double error = actual.sub(reference).norm2Number().doubleValue() / scale;
            assertThat(error).as("relative error of the gradient of %s (%s)", name, torch).isLessThan(2e-4);
        });
    }

    @Test
    void should_match_pytorch_in_the_discriminator_phase() {
        Map<String, INDArray> feed = Map.of(GanGraphs.REAL, array(fixture.get("real")).castTo(DataType.FLOAT),
                GanGraphs.LATENT, array(fixture.get("z_d")).castTo(DataType.FLOAT));
        OutAndGrad r = ExecutionPlan.outputsAndGradients(graphs.discriminatorGraph(), feed,
                java.util.List.of(graphs.discriminatorLoss()), d.parameters().keySet());
        assertThat(r.getOutputs().get(graphs.discriminatorLoss()).getDouble(0))
                .isCloseTo(fixture.get("loss_d").asDouble(), within(1e-5));
        assertGradients(r.getGradients(), fixture.get("grad_d"), D_NAMES);
    }

    @Test
    void should_match_pytorch_in_the_generator_phase() {
        Map<String, INDArray> feed = Map.of(GanGraphs.LATENT, array(fixture.get("z_g")).castTo(DataType.FLOAT));
        OutAndGrad r = ExecutionPlan.outputsAndGradients(graphs.generatorGraph(), feed,
                java.util.List.of(graphs.generatorLoss()), g.parameters().keySet());
        assertThat(r.getOutputs().get(graphs.generatorLoss()).getDouble(0))
                .isCloseTo(fixture.get("loss_g").asDouble(), within(1e-5));
        assertGradients(r.getGradients(), fixture.get("grad_g"), G_NAMES);
    }
}
