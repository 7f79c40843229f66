package org.gan4j.metrics;

import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

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

    /** @return whether the array's buffer holds exactly its elements in its ordering, from offset 0 */
    static boolean dense(INDArray x) {
        return x.offset() == 0 && x.data().length() == x.length() && Shape.hasDefaultStridesForShape(x);
    }

    /**
     * @param x an array
     * @return x as a dense float64 array: x itself when it already is one
     */
    static INDArray denseDouble(INDArray x) {
        INDArray d = x.dataType() == DataType.DOUBLE ? x : x.castTo(DataType.DOUBLE);
        return dense(d) ? d : d.dup('c');
    }

    /**
     * Writes scale·(S + Sᵀ)/2 of a square matrix S into a column-major buffer (which is then the same in either
     * ordering, being symmetric).
     *
     * @param source a dense float64 square matrix [d, d], either ordering
     * @param scale  the factor
     * @param target a column-major float64 [d, d] to overwrite, or null for a new one
     * @return the target
     */
    static INDArray symmetricCopy(INDArray source, double scale, INDArray target) {
        int d = (int) source.rows();
        INDArray t = target != null ? target : Nd4j.createUninitialized(DataType.DOUBLE, new long[] {d, d}, 'f');
        DoubleBuffer s = source.data().asNioDouble();
        DoubleBuffer out = t.data().asNioDouble();
        double half = 0.5 * scale;
        for (int j = 0; j < d; j++) {
            for (int i = j; i < d; i++) {
                double v = half * (s.get(i + j * d) + s.get(j + i * d));
                out.put(i + j * d, v);
                out.put(j + i * d, v);
            }
        }
        return t;
    }
}
