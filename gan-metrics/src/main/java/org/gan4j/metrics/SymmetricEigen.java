package org.gan4j.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The eigendecomposition of a real symmetric matrix in float64, through LAPACK's dsyev. */
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
        INDArray a = symmetric.castTo(DataType.DOUBLE).dup('f');
        INDArray values = Nd4j.create(DataType.DOUBLE, a.rows());
        int status = Nd4j.getBlasWrapper().lapack().syev('V', 'L', a, values);
        if (status != 0) {
            throw new ArithmeticException("symmetric eigendecomposition failed (LAPACK dsyev info " + status + ")");
        }
        return new SymmetricEigen(values, a);
    }

    /** @return V·diag(√max(λ, 0))·Vᵀ */
    INDArray sqrtPsd() {
        INDArray roots = Nd4j.create(DataType.DOUBLE, values.length());
        for (long i = 0; i < values.length(); i++) {
            roots.putScalar(i, Math.sqrt(Math.max(values.getDouble(i), 0)));
        }
        INDArray scaled = vectors.mulRowVector(roots.reshape(1, roots.length()));
        INDArray out = scaled.mmul(vectors.transpose());
        return out.add(out.transpose()).muli(0.5);
    }
}
