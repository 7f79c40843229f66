package org.gan4j.dl4j.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.Activation;
import org.gan4j.NetworkBody;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.gan4j.dl4j.internal.ops.TestArrays;
import org.gan4j.layer.ActivationLayer;
import org.gan4j.layer.BatchNorm;
import org.gan4j.layer.Conv2d;
import org.gan4j.layer.Deconv2d;
import org.gan4j.layer.Dense;
import org.gan4j.layer.LayerSpec;
import org.gan4j.layer.Reshape;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference graphs of fused ops join batch norm and the rectifier after it into one op; they compute what the stock
 * SameDiff inference graph over the same parameters and running statistics computes.
 */
class InferenceFusionTest {
    private final SplittableRandom random = new SplittableRandom(23);

    @Test
    void should_join_batch_norm_and_its_rectifier_and_compute_what_the_stock_graph_computes() {
        List<LayerSpec> layers = List.of(
                new Dense(48, false), new BatchNorm(1e-5, 0.1), new ActivationLayer(Activation.relu()),
                new Reshape(Shape.of(3, 4, 4)), new BatchNorm(1e-3, 0.1), new ActivationLayer(Activation.leakyRelu(0.2)),
                new Deconv2d(2, 4, 2, 1, false, false), new BatchNorm(1e-5, 0.1),
                new ActivationLayer(Activation.tanh()), new Conv2d(1, 3, 1, 1, true, false));
        Shape in = Shape.of(5);
        ParameterStore store = new ParameterStore("G", Nd4j.getRandomFactory().getNewRandomInstance(3));
        SameDiff stock = graph(layers, in, store, false);
        SameDiff fused = graph(layers, in, store, true);
        for (INDArray p : store.parameters().values()) {
            p.assign(TestArrays.uniform(random, p.shape()));
        }
        for (Map.Entry<String, INDArray> s : store.state().entrySet()) {
            INDArray values = TestArrays.uniform(random, s.getValue().shape());
            s.getValue().assign(s.getKey().endsWith("running_var") ? values.addi(1.5) : values);
        }
        INDArray x = TestArrays.uniform(random, 6, 5).muli(2);

        INDArray expected = stock.output(Map.of("x", x), "y").get("y");
        INDArray actual = new ExecutionPlan(fused, List.of("y")).run(Map.of("x", x)).get("y");

        assertThat(actual.shape()).containsExactly(6, 1, 8, 8);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(expected.amaxNumber().doubleValue()).as("not trivially zero").isGreaterThan(0.1);
        assertThat(opNames(fused)).filteredOn("gan4j_scale_shift_rectifier"::equals).hasSize(3);
        assertThat(opNames(fused)).doesNotContain("relu", "lrelu", "leakyrelu", "tanh").contains("gan4j_rational_tanh");
    }

    private static SameDiff graph(List<LayerSpec> layers, Shape in, ParameterStore store, boolean fused) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, in.dim(0));
        NetworkCompiler compiler = NetworkCompiler.forInference(new NetworkBody.Layers(layers), in,
                ParameterInit.normal(0.5), fused);
        sd.identity("y", compiler.compile(new GraphParameters(sd, store), x, NetworkCompiler.Mode.INFERENCE, -1).output());
        return sd;
    }

    private static List<String> opNames(SameDiff sd) {
        return java.util.Arrays.stream(sd.ops()).map(DifferentialFunction::opName).toList();
    }
}
