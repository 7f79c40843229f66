package org.gan4j.dl4j.internal.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A network's Adam pass split over threads against the update rule in plain Java, value by value. */
class AdamPassTest {
    private static final double LR = 2e-4;
    private static final double B1 = 0.5;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;
    /** Three parameters whose lengths put the shares' boundaries inside the first and second of them. */
    private static final int[] LENGTHS = {40_000, 70_001, 5};

    @Test
    void should_update_every_value_once_by_the_rule_whatever_the_thread_count() {
        for (int threads : new int[] {1, 2, 3}) {
            float[][] expected = reference(3);
            float[][] actual = passes(3, threads);
            for (int p = 0; p < LENGTHS.length; p++) {
                assertThat(actual[p]).as("parameter %d at %d threads", p, threads).containsExactly(expected[p]);
            }
        }
    }

    @Test
    void should_split_only_what_is_worth_a_second_thread() {
        AdamPass pass = new AdamPass();
        INDArray w = Nd4j.zeros(DataType.FLOAT, AdamPass.MIN_SHARE + 1);
        pass.add(step(w), Nd4j.ones(DataType.FLOAT, AdamPass.MIN_SHARE + 1));
        assertThat(pass.shares(8)).isEqualTo(1);
        pass.run(LR, 0, 8);
        assertThat(pass.shares(8)).as("a run forgets its updates").isEqualTo(1);
        pass.add(step(w), Nd4j.ones(DataType.FLOAT, AdamPass.MIN_SHARE + 1));
        pass.add(step(Nd4j.zeros(DataType.FLOAT, AdamPass.MIN_SHARE)), Nd4j.ones(DataType.FLOAT, AdamPass.MIN_SHARE));
        assertThat(pass.shares(8)).isEqualTo(2);
        assertThat(pass.shares(1)).isEqualTo(1);
    }

    private static float[][] passes(int updates, int threads) {
        INDArray[] w = new INDArray[LENGTHS.length];
        AdamStep[] steps = new AdamStep[LENGTHS.length];
        for (int p = 0; p < LENGTHS.length; p++) {
            w[p] = Nd4j.create(initial(p), new long[] {LENGTHS[p]}, DataType.FLOAT);
            steps[p] = step(w[p]);
        }
        AdamPass pass = new AdamPass();
        for (int t = 0; t < updates; t++) {
            for (int p = 0; p < LENGTHS.length; p++) {
                pass.add(steps[p], Nd4j.create(gradient(p, t), new long[] {LENGTHS[p]}, DataType.FLOAT));
            }
            pass.run(LR, t, threads);
        }
        float[][] out = new float[LENGTHS.length][];
        for (int p = 0; p < LENGTHS.length; p++) {
            out[p] = w[p].toFloatVector();
        }
        return out;
    }

    /** Adam (Kingma &amp; Ba, 2015) in float, in AdamStep's order of operations. */
    private static float[][] reference(int updates) {
        float[][] out = new float[LENGTHS.length][];
        for (int p = 0; p < LENGTHS.length; p++) {
            float[] w = initial(p);
            float[] m = new float[w.length];
            float[] v = new float[w.length];
            for (int t = 0; t < updates; t++) {
                float[] g = gradient(p, t);
                // β's as the float state holds them
                float s = (float) (LR * Math.sqrt(1 - Math.pow((float) B2, t + 1)) / (1 - Math.pow((float) B1, t + 1)));
                for (int i = 0; i < w.length; i++) {
                    m[i] = (float) B1 * m[i] + (1 - (float) B1) * g[i];
                    v[i] = (float) B2 * v[i] + (1 - (float) B2) * g[i] * g[i];
                    w[i] = w[i] - s * m[i] / ((float) Math.sqrt(v[i]) + (float) EPS);
                }
            }
            out[p] = w;
        }
        return out;
    }

    private static AdamStep step(INDArray w) {
        return new AdamStep(w, Nd4j.zeros(DataType.FLOAT, w.length()), Nd4j.zeros(DataType.FLOAT, w.length()), B1, B2, EPS);
    }

    private static float[] initial(int p) {
        float[] w = new float[LENGTHS[p]];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.cos(0.37 * i + p);
        }
        return w;
    }

    private static float[] gradient(int p, int t) {
        float[] g = new float[LENGTHS[p]];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (Math.sin(0.013 * i + 3 * p + t) * (1 + (i % 7)));
        }
        return g;
    }
}
