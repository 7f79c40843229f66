package org.gan4j.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Inception Score (Salimans et al., "Improved Techniques for Training GANs", NeurIPS 2016):
 * IS = exp(E_x KL(p(y|x) ‖ p(y))), computed on each of k splits of the samples (default 10) with p(y) the split's
 * mean class distribution; the result is the mean and population standard deviation (ddof 0) of the split scores.
 * Split i holds rows [⌊i·N/k⌋, ⌊(i+1)·N/k⌋), as both reference implementations use. All arithmetic in float64.
 *
 * <p>Two protocols, which agree when no shuffle is applied:
 * <ul>
 *   <li>{@link #fromProbabilities}: OpenAI's improved-gan code: class probabilities, rows in the given order;</li>
 *   <li>{@link #fromLogits}: torch-fidelity: logits turned into probabilities by a stable softmax in float64, rows
 *       optionally permuted first (torch-fidelity shuffles by default with numpy's {@code RandomState(2020)}
 *       permutation; pass that permutation to reproduce its figures, or a seed for gan4j's own seeded shuffle).</li>
 * </ul>
 * StudioGAN reports the sample standard deviation (ddof 1) instead; multiply by √(k/(k − 1)) to compare.
 *
 * @since 0.1.0
 */
public final class InceptionScore {
    /** The usual number of splits. */
    public static final int DEFAULT_SPLITS = 10;
    /** How far a row of probabilities may sum from 1 (float32 softmax outputs are within 10⁻⁶). */
    public static final double PROBABILITY_TOLERANCE = 1e-4;

    private InceptionScore() {
    }

    /**
     * OpenAI's protocol on class probabilities, rows in order.
     *
     * @param probabilities p(y|x), [N, classes], finite, each &gt;= 0, rows summing to 1 within 10⁻⁴
     * @param splits        the number of splits, 1..N
     * @return the score
     * @throws IllegalArgumentException naming the first value or row that is not a probability distribution
     */
    public static IsResult fromProbabilities(INDArray probabilities, int splits) {
        double[][] p = matrix(probabilities, "probabilities");
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (double v : p[i]) {
                if (v < 0) {
                    throw new IllegalArgumentException("probabilities must be >= 0 but row " + i + " holds " + v);
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
                throw new IllegalArgumentException("probabilities rows must sum to 1 (within " + PROBABILITY_TOLERANCE
                        + ") but row " + i + " sums to " + sum);
            }
        }
        return score(p, identity(p.length), splits);
    }

    /**
     * torch-fidelity's protocol on logits, rows in order (its {@code shuffle=False}).
     *
     * @param logits [N, classes]
     * @param splits the number of splits, 1..N
     * @return the score
     */
    public static IsResult fromLogits(INDArray logits, int splits) {
        double[][] p = softmax(matrix(logits, "logits"));
        return score(p, identity(p.length), splits);
    }

    /**
     * torch-fidelity's protocol on logits with the rows taken in a given order.
     *
     * @param logits      [N, classes]
     * @param splits      the number of splits, 1..N
     * @param permutation a permutation of 0..N-1: row i of the shuffled set is row permutation[i]
     * @return the score
     */
    public static IsResult fromLogits(INDArray logits, int splits, int[] permutation) {
        double[][] p = softmax(matrix(logits, "logits"));
        Objects.requireNonNull(permutation, "permutation == null");
        checkPermutation(permutation, p.length);
        return score(p, permutation, splits);
    }

    /**
     * torch-fidelity's protocol on logits with rows shuffled by gan4j's seeded permutation (Fisher–Yates over
     * {@link SplittableRandom}; not numpy's sequence).
     *
     * @param logits [N, classes]
     * @param splits the number of splits, 1..N
     * @param seed   the shuffle's seed
     * @return the score
     */
    public static IsResult fromLogits(INDArray logits, int splits, long seed) {
        double[][] p = softmax(matrix(logits, "logits"));
        int[] order = identity(p.length);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return score(p, order, splits);
    }

    private static IsResult score(double[][] p, int[] order, int splits) {
        int n = p.length;
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException("splits must be in [1, " + n + "] but was " + splits);
        }
        int classes = p[0].length;
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            double[] marginal = new double[classes];
            for (int i = from; i < to; i++) {
                double[] row = p[order[i]];
                for (int c = 0; c < classes; c++) {
                    marginal[c] += row[c];
                }
            }
            double[] logMarginal = new double[classes];
            for (int c = 0; c < classes; c++) {
                logMarginal[c] = Math.log(marginal[c] / (to - from));
            }
            double klSum = 0;
            for (int i = from; i < to; i++) {
                double[] row = p[order[i]];
                double kl = 0;
                for (int c = 0; c < classes; c++) {
                    if (row[c] > 0) {
                        kl += row[c] * (Math.log(row[c]) - logMarginal[c]);
                    }
                }
                klSum += kl;
            }
            scores[s] = Math.exp(klSum / (to - from));
        }
        return IsResult.of(scores);
    }

    private static double[][] softmax(double[][] logits) {
        double[][] p = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            p[i] = softmaxRow(logits[i]);
        }
        return p;
    }

    /** @return exp(x − max − log Σ exp(x − max)), in float64 */
    static double[] softmaxRow(double[] x) {
        double max = Arrays.stream(x).max().orElseThrow();
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        double logSum = Math.log(sum);
        double[] p = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            p[c] = Math.exp(x[c] - max - logSum);
        }
        return p;
    }

    private static double[][] matrix(INDArray a, String name) {
        Objects.requireNonNull(a, name + " == null");
        if (a.rank() != 2 || a.size(0) < 1 || a.size(1) < 2) {
            throw new IllegalArgumentException(name + " must have shape [N >= 1, classes >= 2] but was "
                    + Arrays.toString(a.shape()));
        }
        FiniteValues.require(a, name);
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void checkPermutation(int[] permutation, int n) {
        if (permutation.length != n) {
            throw new IllegalArgumentException("permutation must have " + n + " entries but had " + permutation.length);
        }
        boolean[] seen = new boolean[n];
        for (int v : permutation) {
            if (v < 0 || v >= n || seen[v]) {
                throw new IllegalArgumentException("permutation must hold each of 0.." + (n - 1) + " once but has " + v
                        + (v >= 0 && v < n ? " twice" : ""));
            }
            seen[v] = true;
        }
    }
}
