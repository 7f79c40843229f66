package org.gan4j.metrics;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Float64 BLAS/LAPACK routines that ND4J does not expose, called in OpenBLAS directly (the library behind
 * {@code nd4j-native}): the symmetric rank-k update (dsyrk, half the work of a general product) and the
 * divide-and-conquer symmetric eigensolver (dsyevd, about 5× faster than dsyev on 2048² with eigenvectors). Where
 * OpenBLAS cannot be loaded (another backend), ND4J's general routines are used instead.
 */
final class Lapack {
    private static final boolean OPENBLAS = load();

    private Lapack() {
    }

    private static boolean load() {
        try {
            Loader.load(openblas.class);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Adds the Gram matrix of the first rows of a block to an accumulator: C ← xᵀx + β·C, upper triangle only (dsyrk,
     * half the work of a general product); {@link #mirrorUpper} completes C once every block is in.
     *
     * @param block a row-major float64 matrix [≥ rows, d], not a view
     * @param rows  how many of its rows count
     * @param c     the accumulator, float64 [d, d], column-major
     * @param first true to overwrite C (β = 0) rather than add to it
     */
    static void addGram(INDArray block, int rows, INDArray c, boolean first) {
        int d = (int) block.columns();
        double beta = first ? 0.0 : 1.0;
        if (!OPENBLAS) {
            INDArray x = block.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
            Nd4j.gemm(x, x, c, true, false, 1.0, beta);
            return;
        }
        // the row-major [rows, d] block is the column-major [d, rows] matrix xᵀ, so xᵀ·(xᵀ)ᵀ = xᵀx
        openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans, d, rows, 1.0,
                (DoublePointer) block.data().addressPointer(), d, beta, (DoublePointer) c.data().addressPointer(), d);
    }

    /**
     * Eigenvectors of matrices above this size come from dsyevd (divide and conquer), smaller ones and eigenvalues
     * alone from dsyev (QR iteration, through ND4J). Both are backward stable; dsyev is kept where it is cheap because
     * FID on rank-deficient covariances is dominated by the rounding noise of the null-space eigenvalues, and dsyev's
     * noise matches the reference vectors' more closely (1e-9 relative rather than 2e-9).
     */
    static final int DIVIDE_AND_CONQUER_FROM = 512;

    /**
     * @param symmetric a symmetric float64 matrix [d, d]; not modified
     * @param vectors   true for eigenvectors too
     * @return {eigenvalues ascending [d], eigenvectors as columns [d, d] 'f' (null when not asked)}
     */
    static INDArray[] symmetricEigen(INDArray symmetric, boolean vectors) {
        return symmetricEigen(symmetric, vectors, OPENBLAS && vectors && symmetric.rows() > DIVIDE_AND_CONQUER_FROM);
    }

    static INDArray[] symmetricEigen(INDArray symmetric, boolean vectors, boolean divideAndConquer) {
        int d = (int) symmetric.rows();
        INDArray a = symmetric.castTo(DataType.DOUBLE).dup('f');
        INDArray values = Nd4j.create(DataType.DOUBLE, d);
        int info;
        if (divideAndConquer) {
            info = openblas.LAPACKE_dsyevd(openblas.LAPACK_COL_MAJOR, (byte) (vectors ? 'V' : 'N'), (byte) 'L', d,
                    (DoublePointer) a.data().addressPointer(), d, (DoublePointer) values.data().addressPointer());
        } else {
            info = Nd4j.getBlasWrapper().lapack().syev(vectors ? 'V' : 'N', 'L', a, values);
        }
        if (info != 0) {
            throw new ArithmeticException("symmetric eigendecomposition failed (LAPACK info " + info + ")");
        }
        return new INDArray[] {values, vectors ? a : null};
    }

    /**
     * Cholesky factorisation in place (dpotrf): the lower triangle of a symmetric positive definite matrix becomes L
     * with LLᵀ = the matrix; the upper triangle is left as it was.
     *
     * @param m a symmetric float64 matrix [d, d], column-major, dense
     * @return false if the matrix is not positive definite (a pivot ≤ 0) or OpenBLAS is not loaded
     */
    static boolean choleskyInPlace(INDArray m) {
        if (!OPENBLAS) {
            return false;
        }
        int d = (int) m.rows();
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', d,
                (DoublePointer) m.data().addressPointer(), d);
        if (info < 0) {
            throw new IllegalStateException("dpotrf rejected argument " + (-info) + " for a " + d + " x " + d + " matrix");
        }
        return info == 0;
    }

    /**
     * B ← Lᵀ·B·L in place, through two triangular products (dtrmm, d³ each).
     *
     * @param lower a column-major float64 matrix whose lower triangle is L (from {@link #choleskyInPlace})
     * @param b     a column-major dense float64 matrix [d, d], overwritten
     */
    static void congruenceInPlace(INDArray lower, INDArray b) {
        int d = (int) lower.rows();
        DoublePointer l = (DoublePointer) lower.data().addressPointer();
        DoublePointer m = (DoublePointer) b.data().addressPointer();
        openblas.cblas_dtrmm(openblas.CblasColMajor, openblas.CblasRight, openblas.CblasLower, openblas.CblasNoTrans,
                openblas.CblasNonUnit, d, d, 1.0, l, d, m, d);
        openblas.cblas_dtrmm(openblas.CblasColMajor, openblas.CblasLeft, openblas.CblasLower, openblas.CblasTrans,
                openblas.CblasNonUnit, d, d, 1.0, l, d, m, d);
    }

    /**
     * @param m a symmetric column-major dense float64 matrix [d, d], destroyed (dsyev works in it)
     * @return its eigenvalues, ascending
     */
    static INDArray eigenvaluesInPlace(INDArray m) {
        INDArray values = Nd4j.create(DataType.DOUBLE, m.rows());
        int info = Nd4j.getBlasWrapper().lapack().syev('N', 'L', m, values);
        if (info != 0) {
            throw new ArithmeticException("symmetric eigendecomposition failed (LAPACK info " + info + ")");
        }
        return values;
    }

    static boolean openBlasLoaded() {
        return OPENBLAS;
    }

    /** Copies the upper triangle of a column-major square float64 matrix onto its lower triangle, in place. */
    static void mirrorUpper(INDArray c) {
        int d = (int) c.rows();
        DoubleBuffer m = c.data().asNioDouble();
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < j; i++) {
                m.put(j + i * d, m.get(i + j * d));
            }
        }
    }
}
