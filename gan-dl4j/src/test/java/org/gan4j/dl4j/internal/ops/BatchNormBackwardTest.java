package org.gan4j.dl4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** The Java batch-norm gradient against libnd4j's batchnorm_bp, on images and on feature vectors. */
class BatchNormBackwardTest {

    /** [16, 7] and [8, 5, 3, 3] copy rows value by value, [4, 6, 5, 5] in bulk. */
    @ParameterizedTest(name = "spatial size {0}")
    @ValueSource(ints = {1, 9, 25})
    void should_match_libnd4j_batchnorm_bp(int spatial) {
        SplittableRandom random = new SplittableRandom(spatial);
        long[] shape = TestArrays.batchNormShape(spatial);
        int c = (int) shape[1];
        INDArray x = TestArrays.uniform(random, shape).muli(3).addi(0.5);
        INDArray g = TestArrays.uniform(random, shape);
        int[] dims = shape.length == 4 ? new int[] {0, 2, 3} : new int[] {0};
        INDArray mean = x.mean(dims);
        INDArray variance = x.var(false, dims);
        INDArray gamma = TestArrays.uniform(random, c).addi(1.5);
        INDArray beta = TestArrays.uniform(random, c);
        INDArray dx = Nd4j.create(DataType.FLOAT, shape);
        INDArray dGamma = Nd4j.create(DataType.FLOAT, c);
        INDArray dBeta = Nd4j.create(DataType.FLOAT, c);
        new BatchNormBackward(new INDArray[] {x, mean, variance, gamma, beta, g}, new INDArray[] {dx, dGamma, dBeta}, 1e-5)
                .run();

        INDArray[] expected = {Nd4j.create(DataType.FLOAT, shape), Nd4j.create(DataType.FLOAT, c),
            Nd4j.create(DataType.FLOAT, c), Nd4j.create(DataType.FLOAT, c), Nd4j.create(DataType.FLOAT, c)};
        Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp").addInputs(x, mean, variance, gamma, beta, g)
                .addOutputs(expected).addIntegerArguments(1, 1, 1).addFloatingPointArguments(1e-5).build());
        assertClose(dx, expected[0], "dx");
        assertClose(dGamma, expected[3], "dgamma");
        assertClose(dBeta, expected[4], "dbeta");
    }

    static void assertClose(INDArray actual, INDArray expected, String name) {
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        assertThat(actual.sub(expected).amaxNumber().doubleValue() / scale).as(name).isLessThan(1e-5);
        assertThat(expected.amaxNumber().doubleValue()).as(name + " is not trivially zero").isGreaterThan(1e-3);
    }
}
