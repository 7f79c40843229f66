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
}
