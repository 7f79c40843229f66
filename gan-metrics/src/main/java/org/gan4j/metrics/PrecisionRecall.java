package org.gan4j.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Improved precision and recall (Kynkäänniemi et al., "Improved Precision and Recall Metric for Assessing Generative
 * Models", NeurIPS 2019): each real (generated) sample gets a ball whose radius is the distance to its k-th nearest
 * neighbour within its own set (k = 3); precision is the fraction of generated samples inside some real ball
 * (quality), recall the fraction of real samples inside some generated ball (coverage of the data). Euclidean
 * distances in float64, computed block by block so that memory stays O(block × n).
 *
 * @param precision the fraction of generated samples within the real manifold
 * @param recall    the fraction of real samples within the generated manifold
 * @param k         the neighbour used for the radii
 *
 * @since 0.1.0
 */
public record PrecisionRecall(double precision, double recall, int k) {
    private static final int BLOCK = 1024;

    /**
     * @param real      real features [n₁, d]
     * @param generated generated features [n₂, d]
     * @param k         the neighbour rank for the radii, 1..min(n₁, n₂) − 1 (3 in the paper)
     * @return precision and recall
     */
    public static PrecisionRecall of(INDArray real, INDArray generated, int k) {
        Objects.requireNonNull(real, "real == null");
        Objects.requireNonNull(generated, "generated == null");
        if (real.rank() != 2 || generated.rank() != 2 || real.size(1) != generated.size(1)) {
            throw new IllegalArgumentException("features must have shapes [n1, d] and [n2, d] but were "
                    + Arrays.toString(real.shape()) + " and " + Arrays.toString(generated.shape()));
        }
        long limit = Math.min(real.size(0), generated.size(0)) - 1;
        if (k < 1 || k > limit) {
            throw new IllegalArgumentException("k must be in [1, " + limit + "] but was " + k);
        }
        FiniteValues.require(real, "real features");
        FiniteValues.require(generated, "generated features");
        INDArray r = real.castTo(DataType.DOUBLE);
        INDArray g = generated.castTo(DataType.DOUBLE);
        double[] realRadii = radii(r, k);
        double[] generatedRadii = radii(g, k);
        return new PrecisionRecall(coveredFraction(g, r, realRadii), coveredFraction(r, g, generatedRadii), k);
    }

    /** Distance from each point to its k-th nearest other point of the same set. */
    private static double[] radii(INDArray x, int k) {
        int n = (int) x.size(0);
        double[] radii = new double[n];
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            double[][] d = squaredDistances(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), x);
            for (int i = 0; i < d.length; i++) {
                double[] row = d[i];
                row[start + i] = Double.POSITIVE_INFINITY;
                Arrays.sort(row);
                radii[start + i] = Math.sqrt(Math.max(row[k - 1], 0));
            }
        }
        return radii;
    }

    /** The fraction of {@code points} within radius[j] of some {@code centres[j]}. */
    private static double coveredFraction(INDArray points, INDArray centres, double[] radius) {
        int n = (int) points.size(0);
        int inside = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            double[][] d = squaredDistances(points.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), centres);
            for (double[] row : d) {
                for (int j = 0; j < row.length; j++) {
                    if (row[j] <= radius[j] * radius[j]) {
                        inside++;
                        break;
                    }
                }
            }
        }
        return inside / (double) n;
    }

    private static double[][] squaredDistances(INDArray a, INDArray b) {
        INDArray an = a.mul(a).sum(true, 1);
        INDArray bn = b.mul(b).sum(true, 1).transpose();
        INDArray d = a.mmul(b.transpose()).muli(-2).addiColumnVector(an).addiRowVector(bn);
        return d.toDoubleMatrix();
    }
}
