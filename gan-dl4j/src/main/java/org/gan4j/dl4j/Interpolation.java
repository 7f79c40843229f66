package org.gan4j.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Paths between two latent vectors at {@code steps} evenly spaced t ∈ [0, 1]: linear, (1 − t)·a + t·b, the way
 * StyleGAN interpolates in W; spherical, slerp(a, b; t) = sin((1 − t)θ)/sin θ·a + sin(tθ)/sin θ·b with θ the angle
 * between a and b (Shoemake, SIGGRAPH 1985; White, "Sampling Generative Networks", 2016), the way Gaussian latents
 * are interpolated in Z, falling back to linear when a and b are (anti)parallel.
 */
final class Interpolation {
    private Interpolation() {
    }

    /** @return [steps, d] rows (1 − t)·a + t·b */
    static INDArray linear(INDArray a, INDArray b, int steps) {
        double[] x = vector(a);
        double[] y = vector(b);
        requireSteps(steps, x, y);
        double[][] rows = new double[steps][x.length];
        for (int s = 0; s < steps; s++) {
            double t = s / (double) (steps - 1);
            for (int i = 0; i < x.length; i++) {
                rows[s][i] = (1 - t) * x[i] + t * y[i];
            }
        }
        return Nd4j.create(rows).castTo(DataType.FLOAT);
    }

    /** @return [steps, d] rows slerp(a, b; t) */
    static INDArray spherical(INDArray a, INDArray b, int steps) {
        double[] x = vector(a);
        double[] y = vector(b);
        requireSteps(steps, x, y);
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        double cos = dot / Math.sqrt(nx * ny);
        double theta = Math.acos(Math.max(-1, Math.min(1, cos)));
        if (!(Math.sin(theta) > 1e-6)) {
            return linear(a, b, steps);
        }
        double[][] rows = new double[steps][x.length];
        for (int s = 0; s < steps; s++) {
            double t = s / (double) (steps - 1);
            double ca = Math.sin((1 - t) * theta) / Math.sin(theta);
            double cb = Math.sin(t * theta) / Math.sin(theta);
            for (int i = 0; i < x.length; i++) {
                rows[s][i] = ca * x[i] + cb * y[i];
            }
        }
        return Nd4j.create(rows).castTo(DataType.FLOAT);
    }

    private static double[] vector(INDArray v) {
        return v.castTo(DataType.DOUBLE).reshape(v.length()).toDoubleVector();
    }

    private static void requireSteps(int steps, double[] x, double[] y) {
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be >= 2 but was " + steps);
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("the end points must have the same size but had " + x.length + " and " + y.length);
        }
    }
}
