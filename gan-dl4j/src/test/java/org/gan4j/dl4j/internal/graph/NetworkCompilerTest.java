package org.gan4j.dl4j.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.NetworkBody;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.gan4j.dl4j.internal.ops.TestArrays;
import org.gan4j.layer.BatchNorm;
import org.gan4j.layer.Conv2d;
import org.gan4j.layer.Deconv2d;
import org.gan4j.layer.Dense;
import org.gan4j.layer.LayerSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Compiled layers against naive double-precision Java implementations of their formulas. */
class NetworkCompilerTest {
    final SplittableRandom random = new SplittableRandom(17);

    INDArray randomArray(long... shape) {
        return TestArrays.uniform(random, shape);
    }

    record Run(INDArray output, ParameterStore store, NetworkCompiler.Compiled compiled, Map<String, INDArray> all) {
    }

    Run run(List<LayerSpec> layers, Shape in, INDArray x, NetworkCompiler.Mode mode) {
        ParameterStore store = new ParameterStore("T", Nd4j.getRandomFactory().getNewRandomInstance(3));
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.placeHolder("x", DataType.FLOAT, in.withBatch(x.size(0)));
        NetworkCompiler compiler = new NetworkCompiler(new NetworkBody.Layers(layers), in, ParameterInit.normal(0.5), DataType.FLOAT,
                org.gan4j.dl4j.Execution.fromSystemProperty());
        NetworkCompiler.Compiled c = compiler.compile(new GraphParameters(sd, store), input, mode, x.size(0));
        for (INDArray p : store.parameters().values()) {
            p.assign(randomArray(p.shape()));
        }
        List<String> outputs = new java.util.ArrayList<>(List.of(c.output().name()));
        c.batchNormUpdates().forEach(u -> {
            outputs.add(u.meanOutput());
            outputs.add(u.varOutput());
        });
        Map<String, INDArray> all = new ExecutionPlan(sd, outputs).run(Map.of("x", x));
        return new Run(all.get(c.output().name()), store, c, all);
    }

    @Test
    void should_compute_a_strided_padded_convolution() {
        Conv2d conv = new Conv2d(4, 3, 2, 1, true);
        INDArray x = randomArray(2, 3, 5, 5);
        Run r = run(List.of(conv), Shape.of(3, 5, 5), x, NetworkCompiler.Mode.TRAINING);
        INDArray w = r.store().parameters().get("T/0_conv2d/W");
        INDArray b = r.store().parameters().get("T/0_conv2d/b");
        assertThat(r.output().shape()).containsExactly(2, 4, 3, 3);
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 4; o++) {
                for (int oy = 0; oy < 3; oy++) {
                    for (int ox = 0; ox < 3; ox++) {
                        double sum = b.getDouble(o);
                        for (int i = 0; i < 3; i++) {
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    int iy = oy * 2 - 1 + ky;
                                    int ix = ox * 2 - 1 + kx;
                                    if (iy >= 0 && iy < 5 && ix >= 0 && ix < 5) {
                                        sum += x.getDouble(n, i, iy, ix) * w.getDouble(ky, kx, i, o);
                                    }
                                }
                            }
                        }
                        assertThat(r.output().getDouble(n, o, oy, ox)).isCloseTo(sum, within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void should_compute_a_transposed_convolution_as_the_adjoint_of_convolution() {
        Deconv2d deconv = new Deconv2d(2, 4, 2, 1, true);
        INDArray x = randomArray(2, 3, 3, 3);
        Run r = run(List.of(deconv), Shape.of(3, 3, 3), x, NetworkCompiler.Mode.TRAINING);
        INDArray w = r.store().parameters().get("T/0_deconv2d/W");
        INDArray b = r.store().parameters().get("T/0_deconv2d/b");
        assertThat(r.output().shape()).containsExactly(2, 2, 6, 6);
        double[][][][] expected = new double[2][2][6][6];
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 2; o++) {
                for (int y = 0; y < 6; y++) {
                    java.util.Arrays.fill(expected[n][o][y], b.getDouble(o));
                }
            }
            for (int i = 0; i < 3; i++) {
                for (int y = 0; y < 3; y++) {
                    for (int xx = 0; xx < 3; xx++) {
                        for (int o = 0; o < 2; o++) {
                            for (int ky = 0; ky < 4; ky++) {
                                for (int kx = 0; kx < 4; kx++) {
                                    int oy = y * 2 - 1 + ky;
                                    int ox = xx * 2 - 1 + kx;
                                    if (oy >= 0 && oy < 6 && ox >= 0 && ox < 6) {
                                        expected[n][o][oy][ox] += x.getDouble(n, i, y, xx) * w.getDouble(ky, kx, o, i);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 2; o++) {
                for (int y = 0; y < 6; y++) {
                    for (int xx = 0; xx < 6; xx++) {
                        assertThat(r.output().getDouble(n, o, y, xx)).isCloseTo(expected[n][o][y][xx], within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void should_normalise_with_batch_statistics_in_training_and_running_statistics_in_inference() {
        List<LayerSpec> layers = List.of(new Dense(3, false), BatchNorm.DEFAULT);
        INDArray x = randomArray(5, 2);
        Run r = run(layers, Shape.of(2), x, NetworkCompiler.Mode.TRAINING);
        INDArray w = r.store().parameters().get("T/0_dense/W");
        INDArray gamma = r.store().parameters().get("T/1_batchNorm/gamma");
        INDArray beta = r.store().parameters().get("T/1_batchNorm/beta");
        double[][] h = new double[5][3];
        for (int n = 0; n < 5; n++) {
            for (int j = 0; j < 3; j++) {
                h[n][j] = x.getDouble(n, 0) * w.getDouble(0, j) + x.getDouble(n, 1) * w.getDouble(1, j);
            }
        }
        BatchNormUpdate update = r.compiled().batchNormUpdates().get(0);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double var = 0;
            for (int n = 0; n < 5; n++) {
                mean += h[n][j] / 5;
            }
            for (int n = 0; n < 5; n++) {
                var += (h[n][j] - mean) * (h[n][j] - mean) / 5;
            }
            for (int n = 0; n < 5; n++) {
                double expected = (h[n][j] - mean) / Math.sqrt(var + 1e-5) * gamma.getDouble(j) + beta.getDouble(j);
                assertThat(r.output().getDouble(n, j)).isCloseTo(expected, within(1e-4));
            }
            assertThat(r.all().get(update.meanOutput()).getDouble(j)).isCloseTo(mean, within(1e-6));
            assertThat(r.all().get(update.varOutput()).getDouble(j)).isCloseTo(var, within(1e-6));
        }
        // running statistics follow PyTorch: (1 - 0.1) * running + 0.1 * batch, variance made unbiased by 5/4
        INDArray batchVar = r.all().get(update.varOutput()).dup();
        INDArray batchMean = r.all().get(update.meanOutput()).dup();
        update.apply(r.all().get(update.meanOutput()), r.all().get(update.varOutput()));
        for (int j = 0; j < 3; j++) {
            assertThat(update.runningMean().getDouble(j)).isCloseTo(0.1 * batchMean.getDouble(j), within(1e-7));
            assertThat(update.runningVar().getDouble(j)).isCloseTo(0.9 + 0.1 * batchVar.getDouble(j) * 5 / 4, within(1e-6));
        }
        // inference graph over the same store uses the running statistics
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 2);
        NetworkCompiler.Compiled c = NetworkCompiler.forInference(new NetworkBody.Layers(layers), Shape.of(2), ParameterInit.normal(0.5))
                .compile(new GraphParameters(sd, r.store()), in, NetworkCompiler.Mode.INFERENCE, -1);
        INDArray y = sd.output(Map.of("x", x), c.output().name()).get(c.output().name());
        for (int n = 0; n < 5; n++) {
            for (int j = 0; j < 3; j++) {
                double expected = (h[n][j] - update.runningMean().getDouble(j))
                        / Math.sqrt(update.runningVar().getDouble(j) + 1e-5) * gamma.getDouble(j) + beta.getDouble(j);
                assertThat(y.getDouble(n, j)).isCloseTo(expected, within(1e-4));
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {org.gan4j.dl4j.internal.graph.layers.ActivationCompiler.MASKED_ACTIVATION_ELEMENTS, 1000})
    void should_compute_relu_and_leaky_relu_and_their_gradients_as_masks_or_ops(long elements) {
        for (org.gan4j.Activation activation : List.of(org.gan4j.Activation.relu(), org.gan4j.Activation.leakyRelu(0.2))) {
            int n = Math.toIntExact(elements / 64 + 1);
            INDArray x = randomArray(64, n);
            if (elements >= org.gan4j.dl4j.internal.graph.layers.ActivationCompiler.MASKED_ACTIVATION_ELEMENTS) {
                x.putScalar(0, 0.0); // the masks follow PyTorch at 0 (slope 0 or alpha); libnd4j's lrelu takes 1 there
            }
            INDArray w = randomArray(64, n);
            SameDiff sd = SameDiff.create();
            SDVariable in = sd.var("x", x.dup());
            SDVariable y = org.gan4j.dl4j.internal.graph.layers.ActivationCompiler.activation(sd, activation, in, 64L * n);
            sd.setLossVariables(y.mul(sd.constant(w)).sum());
            double alpha = activation.kind() == org.gan4j.Activation.Kind.RELU ? 0 : 0.2;
            INDArray out = y.eval();
            INDArray gradient = sd.calculateGradients(Map.of(), "x").get("x");
            for (long i = 0; i < x.length(); i++) {
                double v = x.getDouble(i);
                double slope = v > 0 ? 1 : alpha;
                assertThat(out.getDouble(i)).as("%s(%s)", activation, v).isCloseTo(slope * v, within(1e-6));
                assertThat(gradient.getDouble(i)).as("%s'(%s)", activation, v).isCloseTo(slope * w.getDouble(i), within(1e-6));
            }
        }
    }

    @Test
    void should_build_a_critic_input_gradient_equal_to_automatic_differentiation_on_large_batches() {
        // 64 × 64 × 14 × 14 values per activation: the masked activations, whose slopes the input gradient reuses
        List<LayerSpec> layers = List.of(new Conv2d(64, 4, 2, 1, true), new org.gan4j.layer.ActivationLayer(
                org.gan4j.Activation.leakyRelu(0.2)), new Conv2d(8, 4, 2, 1, true), new org.gan4j.layer.ActivationLayer(
                org.gan4j.Activation.relu()), new org.gan4j.layer.Flatten(), new Dense(1, true));
        Shape in = Shape.of(1, 28, 28);
        ParameterStore store = new ParameterStore("C", Nd4j.getRandomFactory().getNewRandomInstance(5));
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", randomArray(64, 1, 28, 28));
        NetworkCompiler compiler = new NetworkCompiler(new NetworkBody.Layers(layers), in, ParameterInit.normal(0.5), DataType.FLOAT,
                org.gan4j.dl4j.Execution.fromSystemProperty());
        org.gan4j.loss.CriticGradient critic = compiler.compileWithInputGradient(new GraphParameters(sd, store), x, 64);
        SDVariable loss = critic.scores().sum();
        INDArray ours = new ExecutionPlan(sd, List.of(critic.inputGradient().name())).run(Map.of())
                .get(critic.inputGradient().name()).dup();
        INDArray automatic = ExecutionPlan.outputsAndGradients(sd, Map.of(), List.of(loss.name()), List.of("x")).getGradients().get("x");
        assertThat(ours.shape()).isEqualTo(automatic.shape());
        double scale = automatic.norm2Number().doubleValue();
        assertThat(ours.sub(automatic).norm2Number().doubleValue() / scale).isLessThan(1e-5);
    }
}
