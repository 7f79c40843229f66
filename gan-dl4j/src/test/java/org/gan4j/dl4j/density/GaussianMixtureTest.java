package org.gan4j.dl4j.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link GaussianMixture}: closed forms for one component, recovery of a known mixture, sampling moments. */
class GaussianMixtureTest {

    static double[][] draws(SplittableRandom r, int n, double[] mu, double[][] chol) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            double e0 = gaussian(r);
            double e1 = gaussian(r);
            x[i] = new double[] {mu[0] + chol[0][0] * e0, mu[1] + chol[1][0] * e0 + chol[1][1] * e1};
        }
        return x;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** One component: EM's fixed point is the sample mean and the biased sample covariance (+ 10⁻⁶·I). */
    @Test
    void should_give_the_maximum_likelihood_gaussian_for_one_component() {
        double[][] x = {{1, 2}, {3, 1}, {0, -1}, {2, 2}, {4, 0.5}};
        GaussianMixture g = GaussianMixture.fit(x, 1, 3);
        double[] mean = {2, 0.9};
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : x) {
            sxx += (p[0] - mean[0]) * (p[0] - mean[0]) / 5;
            sxy += (p[0] - mean[0]) * (p[1] - mean[1]) / 5;
            syy += (p[1] - mean[1]) * (p[1] - mean[1]) / 5;
        }
        assertThat(g.mean(0)).containsExactly(new double[] {2, 0.9}, within(1e-12));
        assertThat(g.covariance(0)[0]).containsExactly(new double[] {sxx + 1e-6, sxy}, within(1e-12));
        assertThat(g.covariance(0)[1]).containsExactly(new double[] {sxy, syy + 1e-6}, within(1e-12));
        double det = (sxx + 1e-6) * (syy + 1e-6) - sxy * sxy;
        double[] z = {1.5, 0.2};
        double dx = z[0] - mean[0];
        double dy = z[1] - mean[1];
        double quad = ((syy + 1e-6) * dx * dx - 2 * sxy * dx * dy + (sxx + 1e-6) * dy * dy) / det;
        assertThat(g.logDensity(z)).isCloseTo(-Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad, within(1e-12));
    }

    @Test
    void should_recover_a_known_two_component_mixture() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] a = draws(r, 3000, new double[] {-4, 0}, new double[][] {{1, 0}, {0.5, 0.5}});
        double[][] b = draws(r, 1000, new double[] {5, 3}, new double[][] {{0.7, 0}, {0, 1.2}});
        double[][] x = new double[4000][];
        System.arraycopy(a, 0, x, 0, 3000);
        System.arraycopy(b, 0, x, 3000, 1000);
        GaussianMixture g = GaussianMixture.fit(x, 2, 5);
        int big = g.weights()[0] > g.weights()[1] ? 0 : 1;
        assertThat(g.weights()[big]).isCloseTo(0.75, within(0.02));
        assertThat(g.mean(big)).containsExactly(new double[] {-4, 0}, within(0.1));
        assertThat(g.mean(1 - big)).containsExactly(new double[] {5, 3}, within(0.1));
        // Σ of the first: L·Lᵀ = [[1, 0.5], [0.5, 0.5]]
        assertThat(g.covariance(big)[0]).containsExactly(new double[] {1, 0.5}, within(0.08));
        assertThat(g.covariance(big)[1][1]).isCloseTo(0.5, within(0.05));
    }

    @Test
    void should_draw_samples_with_the_mixtures_moments() {
        GaussianMixture g = new GaussianMixture(new double[] {0.25, 0.75}, new double[][] {{0, 0}, {4, -2}},
                new double[][][] {{{1, 0}, {0, 1}}, {{2, 0.6}, {0.6, 0.5}}});
        INDArray s = g.sample(40_000, new SplittableRandom(2)).castTo(DataType.DOUBLE);
        // mean = 0.25·0 + 0.75·(4, −2) = (3, −1.5); var_x = 0.25·1 + 0.75·2 + (0.25·0.75)·4² = 4.75
        assertThat(s.mean(0).toDoubleVector()).containsExactly(new double[] {3, -1.5}, within(0.05));
        assertThat(s.getColumn(0).var(false).getDouble(0)).isCloseTo(4.75, within(0.1));
    }

    @Test
    void should_refuse_bad_input() {
        assertThatThrownBy(() -> GaussianMixture.fit(new double[][] {{1, 2}}, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("points must hold at least components = 2 points but held 1");
        assertThatThrownBy(() -> GaussianMixture.fit(new double[][] {{1, 2}, {1, Double.NaN}}, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("points[1] must hold 2 finite values but was [1.0, NaN]");
        assertThatThrownBy(() -> GaussianMixture.fit(new double[][] {{1, 2}}, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("components must be >= 1 but was 0");
    }
}
