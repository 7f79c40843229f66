package org.gan4j.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Inception Score of a set too large for one place, from sums that merge exactly: {@link InceptionScore}'s
 * protocol (logits, a float64 stable softmax, k splits of rows [⌊s·N/k⌋, ⌊(s+1)·N/k⌋) in the set's global order, no
 * shuffle), rewritten per split s as
 * <pre>
 *   KL_s = (1/n_s)·Σ_{i∈s} Σ_c p_ic·log p_ic − Σ_c p̄_sc·log p̄_sc,   p̄_s = (1/n_s)·Σ_{i∈s} p_i,   IS_s = exp(KL_s)
 * </pre>
 * so each part of the set (rows with known global indices) contributes n_s, Σ p_i and Σ p·log p to the splits its
 * rows fall in, and parts merge by adding. {@link #result()} equals {@link InceptionScore#fromLogits(INDArray, int)}
 * on the whole set up to rounding (tests: 1e-12 relative). Serializable, for distributed evaluation.
 *
 * @since 0.1.0
 */
public final class InceptionScoreSums implements Serializable {
    private static final long serialVersionUID = 1L;
    /** N, the size of the whole set. */
    private final long total;
    /** k, the number of splits. */
    private final int splits;
    /** The number of classes. */
    private final int classes;
    /** n_s, the rows counted in each split. */
    private final long[] counts;
    /** Σ p_i over each split's rows, per class. */
    private final double[][] probabilitySums;
    /** Σ_i Σ_c p_ic·log p_ic over each split's rows. */
    private final double[] entropySums;

    private InceptionScoreSums(long total, int splits, int classes) {
        this.total = total;
        this.splits = splits;
        this.classes = classes;
        this.counts = new long[splits];
        this.probabilitySums = new double[splits][classes];
        this.entropySums = new double[splits];
    }

    /**
     * @param logits     [n, classes] logits of rows firstIndex .. firstIndex + n − 1 of the whole set
     * @param firstIndex the global index of the first row, &gt;= 0
     * @param total      the size N of the whole set, &gt;= firstIndex + n
     * @param splits     the number of splits k, 1..N
     * @return the sums of these rows
     */
    public static InceptionScoreSums of(INDArray logits, long firstIndex, long total, int splits) {
        Objects.requireNonNull(logits, "logits == null");
        if (logits.rank() != 2 || logits.size(1) < 2) {
            throw new IllegalArgumentException("logits must have shape [n, classes >= 2] but was "
                    + Arrays.toString(logits.shape()));
        }
        long n = logits.size(0);
        if (firstIndex < 0 || total < firstIndex + n) {
            throw new IllegalArgumentException("rows " + firstIndex + ".." + (firstIndex + n - 1)
                    + " must lie in the set of " + total + " (firstIndex >= 0, firstIndex + rows <= total)");
        }
        if (splits < 1 || splits > total) {
            throw new IllegalArgumentException("splits must be in [1, " + total + "] but was " + splits);
        }
        FiniteValues.require(logits, "logits");
        InceptionScoreSums sums = new InceptionScoreSums(total, splits, (int) logits.size(1));
        double[][] rows = logits.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        for (int r = 0; r < rows.length; r++) {
            sums.add(split(firstIndex + r, total, splits), InceptionScore.softmaxRow(rows[r]));
        }
        return sums;
    }

    /**
     * @param other the sums of other rows of the same set (disjoint from these)
     * @return the sums of both
     */
    public InceptionScoreSums merge(InceptionScoreSums other) {
        Objects.requireNonNull(other, "other == null");
        if (other.total != total || other.splits != splits || other.classes != classes) {
            throw new IllegalArgumentException("sums of a set of " + other.total + " rows, " + other.splits
                    + " splits, " + other.classes + " classes cannot merge with sums of " + total + " rows, " + splits
                    + " splits, " + classes + " classes");
        }
        InceptionScoreSums merged = new InceptionScoreSums(total, splits, classes);
        for (int s = 0; s < splits; s++) {
            merged.counts[s] = counts[s] + other.counts[s];
            merged.entropySums[s] = entropySums[s] + other.entropySums[s];
            for (int c = 0; c < classes; c++) {
                merged.probabilitySums[s][c] = probabilitySums[s][c] + other.probabilitySums[s][c];
            }
        }
        return merged;
    }

    /** @return the rows counted so far */
    public long count() {
        return Arrays.stream(counts).sum();
    }

    /**
     * @return the score of the whole set
     * @throws IllegalStateException when rows of the set are missing
     */
    public IsResult result() {
        if (count() != total) {
            throw new IllegalStateException("the sums hold " + count() + " of the set's " + total + " rows");
        }
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            double n = counts[s];
            double crossEntropy = 0;
            for (int c = 0; c < classes; c++) {
                double sum = probabilitySums[s][c];
                if (sum > 0) {
                    crossEntropy += (sum / n) * Math.log(sum / n);
                }
            }
            scores[s] = Math.exp(entropySums[s] / n - crossEntropy);
        }
        return IsResult.of(scores);
    }

    private void add(int split, double[] p) {
        counts[split]++;
        double[] sum = probabilitySums[split];
        double entropy = 0;
        for (int c = 0; c < classes; c++) {
            sum[c] += p[c];
            if (p[c] > 0) {
                entropy += p[c] * Math.log(p[c]);
            }
        }
        entropySums[split] += entropy;
    }

    /** @return the split s with ⌊s·N/k⌋ &lt;= i &lt; ⌊(s+1)·N/k⌋ */
    static int split(long i, long total, int splits) {
        int s = (int) Math.min(splits - 1, i * splits / total);
        while (s > 0 && s * total / splits > i) {
            s--;
        }
        while (s < splits - 1 && (s + 1) * total / splits <= i) {
            s++;
        }
        return s;
    }
}
