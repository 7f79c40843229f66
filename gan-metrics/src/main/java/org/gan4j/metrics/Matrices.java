package org.gan4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Small float64 matrix helpers shared by the metrics. */
final class Matrices {
    private Matrices() {
    }

    /** @return the sum of the diagonal of a square matrix */
    static double trace(INDArray m) {
        double t = 0;
        for (long i = 0; i < m.rows(); i++) {
            t += m.getDouble(i, i);
        }
        return t;
    }
}
