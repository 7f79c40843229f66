package org.gan4j.dl4j.internal.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Optimizer updates against the published update rules, computed in plain Java. */
class NetworkUpdaterTest {

    @Test
    void should_follow_the_adam_update_rule_with_bias_correction() {
        INDArray w = Nd4j.create(new float[] {0.5f, -1f, 2f, 0f, 1f, -0.25f}, new long[] {2, 3}, 'c');
        double[] ref = w.dup().data().asDouble();
        double[] m = new double[6];
        double[] v = new double[6];
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("w", w);
        double lr = 0.01;
        double b1 = 0.5;
        double b2 = 0.999;
        NetworkUpdater updater = new NetworkUpdater(OptimizerSpec.adam(lr, b1, b2), params);
        for (int t = 1; t <= 5; t++) {
            double[] g = new double[6];
            for (int i = 0; i < 6; i++) {
                g[i] = Math.sin(t + i) * (i + 1);
            }
            INDArray grad = Nd4j.create(g, new long[] {2, 3}, DataType.FLOAT);
            updater.apply(Map.of("w", grad), 0);
            for (int i = 0; i < 6; i++) {
                double gi = (float) g[i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                ref[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            for (int i = 0; i < 6; i++) {
                assertThat(w.getDouble(i)).as("step %d, weight %d", t, i).isCloseTo(ref[i], within(1e-5));
            }
        }
        assertThat(updater.iteration()).isEqualTo(5);
    }

    @Test
    void should_follow_sgd_and_keep_networks_apart() {
        INDArray a = Nd4j.ones(DataType.FLOAT, 3);
        INDArray b = Nd4j.ones(DataType.FLOAT, 2, 2);
        NetworkUpdater first = new NetworkUpdater(OptimizerSpec.sgd(0.1), Map.of("a", a));
        NetworkUpdater second = new NetworkUpdater(OptimizerSpec.sgd(0.5), Map.of("b", b));
        first.apply(Map.of("a", Nd4j.createFromArray(1f, 2f, 3f)), 0);
        second.apply(Map.of("b", Nd4j.ones(DataType.FLOAT, 2, 2)), 0);
        assertThat(a.toDoubleVector()).containsExactly(new double[] {0.9, 0.8, 0.7}, within(1e-6));
        assertThat(b.getDouble(1, 1)).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void should_decay_the_learning_rate_linearly_over_the_run() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 1);
        NetworkUpdater updater = new NetworkUpdater(OptimizerSpec.sgd(0.4).withLinearDecay(0.25), Map.of("a", a), 4);
        double[] expected = {0.4, 0.3, 0.2, 0.1, 0.1};
        double sum = 0;
        for (double lr : expected) {
            updater.apply(Map.of("a", Nd4j.ones(DataType.FLOAT, 1)), 0);
            sum -= lr;
            assertThat(a.getDouble(0)).isCloseTo(sum, within(1e-6));
        }
    }

    @Test
    void should_refuse_a_decay_over_a_run_of_unknown_length() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NetworkUpdater(
                        OptimizerSpec.adam(1e-3).withLinearDecay(0), Map.of("a", Nd4j.zeros(DataType.FLOAT, 1)), -1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8, schedule=linearDecay(0.0)) decays its"
                        + " learning rate over the run, which needs a known number of steps: train with steps(n) or a"
                        + " data source of known size");
    }
}
