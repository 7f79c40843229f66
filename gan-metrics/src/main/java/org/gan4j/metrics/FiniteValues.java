package org.gan4j.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Refuses metric inputs that hold NaN or an infinity, naming the first such element. */
final class FiniteValues {
    private FiniteValues() {
    }

    /**
     * @param a    an input
     * @param name its name, for the message
     * @throws IllegalArgumentException naming the first non-finite element
     */
    static void require(INDArray a, String name) {
        if (!BooleanIndexing.or(a, Conditions.isNan()) && !BooleanIndexing.or(a, Conditions.isInfinite())) {
            return;
        }
        double[] values = a.dup('c').data().asDouble();
        long[] shape = a.shape();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                long[] index = new long[shape.length];
                long rest = i;
                for (int k = shape.length - 1; k >= 0; k--) {
                    index[k] = rest % shape[k];
                    rest /= shape[k];
                }
                throw new IllegalArgumentException(name + " must be finite but holds " + values[i] + " at "
                        + Arrays.toString(index));
            }
        }
    }
}
