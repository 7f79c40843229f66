package org.gan4j.samples.serve;

import java.util.Random;
import org.gan4j.LatentSpace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The latent vectors the server draws: the vector of seed s depends on s alone (java.util.Random(s): d normal draws
 * for a Gaussian latent space, d uniform draws in [-1, 1) for a uniform one), so image k of a grid of seed s is the
 * image of seed s + k, and any request can be repeated byte for byte. Interpolation between two seeds is spherical
 * for a Gaussian space (slerp keeps the norm where the Gaussian's mass lies; White, "Sampling Generative Networks",
 * 2016) and linear for a uniform one (the box is convex).
 */
final class LatentPicks {
    private final LatentSpace space;

    LatentPicks(LatentSpace space) {
        this.space = space;
    }

    /** @return the vector of one seed */
    double[] vector(long seed) {
        Random random = new Random(seed);
        double[] z = new double[space.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = space.distribution() == LatentSpace.Distribution.GAUSSIAN ? random.nextGaussian()
                    : 2 * random.nextDouble() - 1;
        }
        return z;
    }

    /** @return the vectors of seeds first, first + 1, ..., first + n − 1 as [n, d] */
    INDArray grid(long first, int n) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = vector(first + i);
        }
        return Nd4j.create(rows).castTo(DataType.FLOAT);
    }

    /** @return {@code steps} vectors from the vector of seed {@code from} to that of seed {@code to}, ends included */
    INDArray interpolation(long from, long to, int steps) {
        double[] a = vector(from);
        double[] b = vector(to);
        double omega = Math.acos(Math.max(-1, Math.min(1, dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b)))));
        boolean spherical = space.distribution() == LatentSpace.Distribution.GAUSSIAN && Math.sin(omega) > 1e-6;
        double[][] rows = new double[steps][a.length];
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            double wa = spherical ? Math.sin((1 - t) * omega) / Math.sin(omega) : 1 - t;
            double wb = spherical ? Math.sin(t * omega) / Math.sin(omega) : t;
            for (int i = 0; i < a.length; i++) {
                rows[s][i] = wa * a[i] + wb * b[i];
            }
        }
        return Nd4j.create(rows).castTo(DataType.FLOAT);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
