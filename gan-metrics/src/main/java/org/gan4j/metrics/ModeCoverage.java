package org.gan4j.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mode coverage and sample quality on a mixture with known modes, the standard measure of mode collapse and mode
 * dropping on toy data (Srivastava et al., "VEEGAN", NeurIPS 2017; Metz et al., "Unrolled GANs", ICLR 2017):
 * a sample is <em>high quality</em> when it lies within 3σ of its nearest mode centre; a mode is <em>covered</em> when
 * it receives at least {@code minShare} of its expected share of the high-quality samples (n/k · minShare).
 *
 * @param modesCovered       the number of covered modes
 * @param highQualityFraction the fraction of samples within 3σ of a mode
 * @param samplesPerMode     high-quality samples per mode
 *
 * @since 0.1.0
 */
public record ModeCoverage(int modesCovered, double highQualityFraction, int[] samplesPerMode) {

    /**
     * Measures samples against mode centres.
     *
     * @param samples  points [n, d]
     * @param centres  mode centres [k][d]
     * @param sigma    the modes' standard deviation
     * @param minShare the share of n/k a mode needs to count as covered, in (0, 1] (e.g. 0.05)
     * @return the coverage
     */
    public static ModeCoverage of(INDArray samples, double[][] centres, double sigma, double minShare) {
        Objects.requireNonNull(samples, "samples == null");
        Objects.requireNonNull(centres, "centres == null");
        if (samples.rank() != 2 || centres.length == 0 || samples.size(1) != centres[0].length) {
            throw new IllegalArgumentException("samples must have shape [n, " + (centres.length == 0 ? "d" : centres[0].length)
                    + "] but was " + Arrays.toString(samples.shape()));
        }
        if (!(minShare > 0 && minShare <= 1)) {
            throw new IllegalArgumentException("minShare must be in (0, 1] but was " + minShare);
        }
        double[][] x = samples.castTo(DataType.DOUBLE).toDoubleMatrix();
        int[] perMode = new int[centres.length];
        int good = 0;
        for (double[] p : x) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int m = 0; m < centres.length; m++) {
                double d = 0;
                for (int j = 0; j < p.length; j++) {
                    d += (p[j] - centres[m][j]) * (p[j] - centres[m][j]);
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = m;
                }
            }
            if (Math.sqrt(bestDistance) <= 3 * sigma) {
                perMode[best]++;
                good++;
            }
        }
        double needed = minShare * x.length / centres.length;
        int covered = (int) Arrays.stream(perMode).filter(c -> c >= needed).count();
        return new ModeCoverage(covered, good / (double) x.length, perMode);
    }

    @Override
    public String toString() {
        return "ModeCoverage(covered=" + modesCovered + ", highQuality=" + String.format("%.3f", highQualityFraction)
                + ", perMode=" + Arrays.toString(samplesPerMode) + ")";
    }
}
