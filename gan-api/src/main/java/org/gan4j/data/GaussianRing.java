package org.gan4j.data;

import java.util.SplittableRandom;
import org.gan4j.Shape;

/**
 * The ring of Gaussians, the standard two-dimensional benchmark for mode collapse and mode dropping
 * (Metz et al., "Unrolled Generative Adversarial Networks", ICLR 2017): k modes evenly spaced on a circle of radius
 * r, each an isotropic Gaussian of standard deviation σ, chosen uniformly. The usual setting is k = 8, r = 2,
 * σ = 0.02 ({@link #standard()}).
 *
 * @since 0.1.0
 */
public final class GaussianRing {
    private final int modes;
    private final double radius;
    private final double sigma;

    /**
     * @param modes  the number of modes, &gt;= 1
     * @param radius the circle's radius, &gt; 0
     * @param sigma  each mode's standard deviation, &gt; 0
     */
    public GaussianRing(int modes, double radius, double sigma) {
        if (modes < 1) {
            throw new IllegalArgumentException("modes must be >= 1 but was " + modes);
        }
        if (!(radius > 0)) {
            throw new IllegalArgumentException("radius must be > 0 but was " + radius);
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0 but was " + sigma);
        }
        this.modes = modes;
        this.radius = radius;
        this.sigma = sigma;
    }

    /** @return 8 modes on a circle of radius 2, σ = 0.02 */
    public static GaussianRing standard() {
        return new GaussianRing(8, 2.0, 0.02);
    }

    /** @return the number of modes */
    public int modes() {
        return modes;
    }

    /** @return each mode's standard deviation */
    public double sigma() {
        return sigma;
    }

    /** @return the mode centres, [modes][2] */
    public double[][] centres() {
        double[][] c = new double[modes][2];
        for (int i = 0; i < modes; i++) {
            double angle = 2 * Math.PI * i / modes;
            c[i][0] = radius * Math.cos(angle);
            c[i][1] = radius * Math.sin(angle);
        }
        return c;
    }

    /**
     * Draws samples.
     *
     * @param n    the number of samples
     * @param seed the seed
     * @return row-major values, n × 2
     */
    public float[] sample(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] c = centres();
        float[] values = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double[] mode = c[random.nextInt(modes)];
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            double radial = Math.sqrt(-2 * Math.log(u1));
            values[2 * i] = (float) (mode[0] + sigma * radial * Math.cos(2 * Math.PI * u2));
            values[2 * i + 1] = (float) (mode[1] + sigma * radial * Math.sin(2 * Math.PI * u2));
        }
        return values;
    }

    /**
     * @param n    the number of samples held in memory
     * @param seed the seed
     * @return a training source of n samples of shape [2]
     */
    public InMemoryDataSource source(int n, long seed) {
        return InMemoryDataSource.of(sample(n, seed), Shape.of(2));
    }

    @Override
    public String toString() {
        return "GaussianRing(modes=" + modes + ", radius=" + radius + ", sigma=" + sigma + ")";
    }
}
