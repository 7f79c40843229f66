package org.gan4j.dl4j.internal.ops;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded test arrays. */
public final class TestArrays {
    private TestArrays() {
    }

    /** @return a float array of the shape with values uniform in [-1, 1) drawn from {@code random} */
    public static INDArray uniform(SplittableRandom random, long... shape) {
        INDArray a = Nd4j.create(DataType.FLOAT, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, random.nextDouble(-1, 1));
        }
        return a;
    }

    /**
     * @param spatial 1, 9 or 25
     * @return a batch-norm test shape: [16, 7] and [8, 5, 3, 3] (rows shorter than a bulk copy), [4, 6, 5, 5] (in bulk)
     */
    public static long[] batchNormShape(int spatial) {
        return switch (spatial) {
            case 1 -> new long[] {16, 7};
            case 9 -> new long[] {8, 5, 3, 3};
            case 25 -> new long[] {4, 6, 5, 5};
            default -> throw new IllegalArgumentException("spatial must be 1, 9 or 25 but was " + spatial);
        };
    }
}
