package org.gan4j.metrics;

import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * tr √(Σ₁Σ₂) for covariances Σ₁, Σ₂: the sum of the square roots of the eigenvalues of Σ₁Σ₂, which are real and
 * non-negative because Σ₁Σ₂ is similar to a symmetric positive semi-definite matrix. Two routes, both through a
 * symmetric eigenvalue problem in float64 (no complex arithmetic, never an imaginary part):
 * <ul>
 *   <li>congruence: with Σ₁ = LLᵀ (Cholesky), LᵀΣ₂L is similar to Σ₁Σ₂ (Σ₁Σ₂ = L·(LᵀΣ₂L)·L⁻¹), so its
 *       eigenvalues alone suffice: a Cholesky factorisation (d³/3), two triangular products (2d³) and one
 *       eigenvalues-only decomposition. Needs Σ₁ positive definite.</li>
 *   <li>eigenvectors: with Σ₁ = VΛVᵀ, √Σ₁·Σ₂·√Σ₁ = V(Λ^½VᵀΣ₂VΛ^½)Vᵀ has Σ₁Σ₂'s eigenvalues; it needs Σ₁'s
 *       eigenvectors (the 2048² decomposition that dominates FID's cost) but holds for singular Σ₁.</li>
 * </ul>
 * Tiny negative eigenvalues from rounding are clamped to 0 and counted.
 */
final class RootTrace {
    /** Negative eigenvalues tolerated in a covariance, relative to its largest magnitude: rounding, not structure. */
    static final double NEGATIVE_EIGENVALUE_TOLERANCE = 1e-6;

    final double value;
    final int clamped;
    final double largestClamped;

    private RootTrace(double value, int clamped, double largestClamped) {
        this.value = value;
        this.clamped = clamped;
        this.largestClamped = largestClamped;
    }

    /**
     * Checks that Σ₂ is a covariance, then takes the congruence route when allowed and Σ₁ is positive definite, else
     * the eigenvector route. Σ = scale·(M + Mᵀ)/2 for each moment matrix M.
     *
     * @param moment1    Σ₁'s moment matrix, dense float64 [d, d]; not modified
     * @param scale1     its factor
     * @param moment2    Σ₂'s
     * @param scale2     its factor
     * @param congruence false when Σ₁ is known to be singular (then only the eigenvector route is right)
     */
    static RootTrace of(INDArray moment1, double scale1, INDArray moment2, double scale2, boolean congruence) {
        INDArray b = Matrices.symmetricCopy(moment2, scale2, null);
        if (!Lapack.choleskyInPlace(b)) {
            requirePositiveSemiDefinite("sigma2", Lapack.eigenvaluesInPlace(Matrices.symmetricCopy(moment2, scale2, b)));
        }
        Matrices.symmetricCopy(moment2, scale2, b);
        INDArray a = Matrices.symmetricCopy(moment1, scale1, null);
        if (congruence && numericallyPositiveDefinite(a)) {
            Lapack.congruenceInPlace(a, b);
            return ofEigenvalues(Lapack.eigenvaluesInPlace(Matrices.symmetricCopy(b, 1.0, b)), 0, 0);
        }
        return eigenvectors(Matrices.symmetricCopy(moment1, scale1, a), b);
    }

    /**
     * Factors a in place (Cholesky) and says whether it is positive definite beyond rounding: every pivot Lᵢᵢ² at
     * least d·ε times the largest diagonal element, the rank tolerance of LAPACK's pivoted Cholesky (dpstrf). A
     * covariance below that (constant features, n barely above d) is singular in all but rounding, and its
     * null-space eigenvalues are noise that only the eigenvector route treats as the reference implementations do.
     */
    private static boolean numericallyPositiveDefinite(INDArray a) {
        int d = (int) a.rows();
        DoubleBuffer m = a.data().asNioDouble();
        double largest = 0;
        for (int i = 0; i < d; i++) {
            largest = Math.max(largest, m.get(i + i * d));
        }
        if (!Lapack.choleskyInPlace(a)) {
            return false;
        }
        double tolerance = d * Math.ulp(1.0) * largest;
        for (int i = 0; i < d; i++) {
            double pivot = m.get(i + i * d);
            if (pivot * pivot < tolerance) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param a Σ₁, symmetric positive semi-definite (checked)
     * @param b Σ₂, symmetric
     */
    private static RootTrace eigenvectors(INDArray a, INDArray b) {
        SymmetricEigen e1 = SymmetricEigen.of(a);
        requirePositiveSemiDefinite("sigma1", e1.values);
        long dim = e1.values.length();
        INDArray roots = Nd4j.create(DataType.DOUBLE, 1, dim);
        int clamped = 0;
        double largest = 0;
        for (long i = 0; i < dim; i++) {
            double v = e1.values.getDouble(i);
            if (v < 0) {
                clamped++;
                largest = Math.max(largest, -v);
            }
            roots.putScalar(0, i, Math.sqrt(Math.max(v, 0)));
        }
        INDArray scaled = e1.vectors.mulRowVector(roots);
        INDArray rootA = Nd4j.create(DataType.DOUBLE, new long[] {dim, dim}, 'f');
        Nd4j.gemm(scaled, e1.vectors, rootA, false, true, 1.0, 0.0);
        Matrices.symmetricCopy(rootA, 1.0, rootA);
        INDArray inner = rootA.mmul(b).mmul(rootA);
        return ofEigenvalues(SymmetricEigen.values(Matrices.symmetricCopy(inner, 1.0, null)), clamped, largest);
    }

    /**
     * @param name        the covariance's name, for the message
     * @param eigenvalues its eigenvalues
     * @throws IllegalArgumentException if one is negative beyond rounding
     */
    static void requirePositiveSemiDefinite(String name, INDArray eigenvalues) {
        double smallest = eigenvalues.minNumber().doubleValue();
        double scale = Math.max(eigenvalues.amaxNumber().doubleValue(), Double.MIN_NORMAL);
        if (smallest < -NEGATIVE_EIGENVALUE_TOLERANCE * scale) {
            throw new IllegalArgumentException(name + " must be a covariance (positive semi-definite) but has eigenvalue "
                    + smallest + " (largest magnitude " + scale + ")");
        }
    }

    private static RootTrace ofEigenvalues(INDArray values, int clamped, double largest) {
        double sum = 0;
        for (long i = 0; i < values.length(); i++) {
            double v = values.getDouble(i);
            if (v < 0) {
                clamped++;
                largest = Math.max(largest, -v);
            }
            sum += Math.sqrt(Math.max(v, 0));
        }
        return new RootTrace(sum, clamped, largest);
    }
}
