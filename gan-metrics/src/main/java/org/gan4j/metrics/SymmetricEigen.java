package org.gan4j.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The eigendecomposition of a real symmetric matrix in float64, through LAPACK (dsyevd, or dsyev). */
final class SymmetricEigen {
    final INDArray values;
    final INDArray vectors;

    private SymmetricEigen(INDArray values, INDArray vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * @param symmetric a symmetric matrix [d, d]; not modified
     * @return eigenvalues (ascending) and eigenvectors as columns
     */
    static SymmetricEigen of(INDArray symmetric) {
        INDArray[] r = Lapack.symmetricEigen(symmetric, true);
        return new SymmetricEigen(r[0], r[1]);
    }

    /**
     * @param symmetric a symmetric matrix [d, d]; not modified
     * @return its eigenvalues (ascending), without eigenvectors
     */
    static INDArray values(INDArray symmetric) {
        return Lapack.symmetricEigen(symmetric, false)[0];
    }
}
