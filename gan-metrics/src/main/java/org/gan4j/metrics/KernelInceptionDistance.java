package org.gan4j.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Kernel Inception Distance (Bińkowski et al., "Demystifying MMD GANs", ICLR 2018), torch-fidelity's protocol:
 * on each of 100 subsets of 1,000 samples drawn without replacement from each set, the unbiased estimate
 * MMD² = (Σ_{i≠j} k(x_i, x_j) + Σ_{i≠j} k(y_i, y_j)) / (m(m − 1)) − 2·Σ k(x_i, y_j) / m² with the cubic polynomial
 * kernel k(x, y) = (x·y/d + 1)³; the result is the mean and population standard deviation over the subsets. Unbiased,
 * so it can be slightly negative for identical distributions, and usable with fewer samples than FID needs.
 * Subsets are drawn by gan4j's seeded sampler (not numpy's sequence), in float64.
 *
 * @since 0.1.0
 */
public final class KernelInceptionDistance {
    /** torch-fidelity's number of subsets. */
    public static final int DEFAULT_SUBSETS = 100;
    /** torch-fidelity's subset size. */
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    private KernelInceptionDistance() {
    }

    /**
     * @param features1  the first set [n₁, d]
     * @param features2  the second set [n₂, d]
     * @param subsets    the number of subsets, &gt;= 1
     * @param subsetSize samples per set per subset, 2..min(n₁, n₂)
     * @param seed       the seed of the subset draws
     * @return the estimate
     */
    public static KidResult between(INDArray features1, INDArray features2, int subsets, int subsetSize, long seed) {
        Objects.requireNonNull(features1, "features1 == null");
        Objects.requireNonNull(features2, "features2 == null");
        if (features1.rank() != 2 || features2.rank() != 2 || features1.size(1) != features2.size(1)) {
            throw new IllegalArgumentException("features must have shapes [n1, d] and [n2, d] but were "
                    + Arrays.toString(features1.shape()) + " and " + Arrays.toString(features2.shape()));
        }
        if (subsets < 1) {
            throw new IllegalArgumentException("subsets must be >= 1 but was " + subsets);
        }
        long limit = Math.min(features1.size(0), features2.size(0));
        if (subsetSize < 2 || subsetSize > limit) {
            throw new IllegalArgumentException("subsetSize must be in [2, " + limit + "] but was " + subsetSize);
        }
        FiniteValues.require(features1, "features1");
        FiniteValues.require(features2, "features2");
        INDArray x = features1.castTo(DataType.DOUBLE);
        INDArray y = features2.castTo(DataType.DOUBLE);
        double d = x.size(1);
        SplittableRandom random = new SplittableRandom(seed);
        double[] estimates = new double[subsets];
        double m = subsetSize;
        double[] xData = x.dup('c').data().asDouble();
        double[] yData = y.dup('c').data().asDouble();
        // two [m, m] buffers for all 3·subsets kernels: fresh 8 MB arrays per kernel cost more than the products
        INDArray k = Nd4j.createUninitialized(DataType.DOUBLE, subsetSize, subsetSize);
        INDArray cube = Nd4j.createUninitialized(DataType.DOUBLE, subsetSize, subsetSize);
        for (int s = 0; s < subsets; s++) {
            INDArray xs = rows(xData, (int) d, sample(random, (int) x.size(0), subsetSize));
            INDArray ys = rows(yData, (int) d, sample(random, (int) y.size(0), subsetSize));
            INDArray kxx = kernel(xs, xs, d, k, cube);
            double offDiagonal = kxx.sumNumber().doubleValue() - Matrices.trace(kxx);
            INDArray kyy = kernel(ys, ys, d, k, cube);
            offDiagonal += kyy.sumNumber().doubleValue() - Matrices.trace(kyy);
            INDArray kxy = kernel(xs, ys, d, k, cube);
            estimates[s] = offDiagonal / (m * (m - 1)) - 2 * kxy.sumNumber().doubleValue() / (m * m);
        }
        double mean = Arrays.stream(estimates).average().orElseThrow();
        double var = Arrays.stream(estimates).map(v -> (v - mean) * (v - mean)).sum() / subsets;
        return new KidResult(mean, Math.sqrt(var), subsets, subsetSize);
    }

    /**
     * torch-fidelity's defaults: 100 subsets of 1,000 (or of min(n₁, n₂) when a set is smaller).
     *
     * @param features1 the first set
     * @param features2 the second set
     * @param seed      the seed of the subset draws
     * @return the estimate
     */
    public static KidResult between(INDArray features1, INDArray features2, long seed) {
        int size = (int) Math.min(DEFAULT_SUBSET_SIZE, Math.min(features1.size(0), features2.size(0)));
        return between(features1, features2, DEFAULT_SUBSETS, size, seed);
    }


    /** k(a, b) = (a·b/d + 1)³ into {@code cube}, with {@code k} as scratch; returns {@code cube}. */
    private static INDArray kernel(INDArray a, INDArray b, double d, INDArray k, INDArray cube) {
        Nd4j.gemm(a, b, k, false, true, 1.0 / d, 0.0).addi(1.0);
        return cube.assign(k).muli(k).muli(k);
    }

    /** The given rows of a row-major [n, d] matrix (NDArrayIndex.indices gathers element by element: far slower). */
    private static INDArray rows(double[] data, int d, long[] rows) {
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data, (int) rows[i] * d, out, i * d, d);
        }
        return Nd4j.create(out, new long[] {rows.length, d}, DataType.DOUBLE);
    }

    private static long[] sample(SplittableRandom random, int n, int k) {
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
            out[i] = pool[i];
        }
        return out;
    }
}
