package org.gan4j.metrics;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
     * @param x a float64 matrix [n, d]
     * @return the Gram matrix xᵀx, float64 [d, d], symmetric
     */
    static INDArray gram(INDArray x) {
        int n = (int) x.rows();
        int d = (int) x.columns();
        INDArray c = Nd4j.create(DataType.DOUBLE, new long[] {d, d}, 'f');
        if (!OPENBLAS) {
            Nd4j.gemm(x, x, c, true, false, 1.0, 0.0);
            return c;
        }
        INDArray a = contiguous(x);
        // a's row-major [n, d] buffer is the column-major [d, n] matrix aᵀ, so C = aᵀ·(aᵀ)ᵀ = xᵀx
        openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans, d, n, 1.0,
                (DoublePointer) a.data().addressPointer(), d, 0.0, (DoublePointer) c.data().addressPointer(), d);
        return mirrorUpper(c);
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

    static boolean openBlasLoaded() {
        return OPENBLAS;
    }

    private static INDArray contiguous(INDArray x) {
        if (x.dataType() == DataType.DOUBLE && x.ordering() == 'c' && !x.isView() && x.offset() == 0) {
            return x;
        }
        return x.castTo(DataType.DOUBLE).dup('c');
    }

    /** Copies the upper triangle of a column-major square matrix onto its lower triangle, in place. */
    private static INDArray mirrorUpper(INDArray c) {
        int d = (int) c.rows();
        double[] m = c.data().asDouble();
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < j; i++) {
                m[j + i * d] = m[i + j * d];
            }
        }
        c.data().setData(m);
        return c;
    }
}
