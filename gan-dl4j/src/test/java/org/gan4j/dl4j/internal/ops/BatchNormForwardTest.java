package org.gan4j.dl4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java batch-norm forward pass against the definition computed in float64 (μ, biased σ², y = γ(x − μ)/√(σ² + ε) + β),
 * on feature vectors and images, with one ND4J thread and two (channels in two halves).
 */
class BatchNormForwardTest {

    /** [16, 7] and [8, 5, 3, 3] copy rows value by value, [4, 6, 5, 5] in bulk. */
    @ParameterizedTest(name = "spatial size {0}, {1} ND4J threads")
    @CsvSource({"1, 1", "9, 2", "25, 1", "25, 2"})
    void should_normalise_each_channel_with_its_batch_statistics(int spatial, int threads) {
        SplittableRandom random = new SplittableRandom(spatial);
        long[] shape = TestArrays.batchNormShape(spatial);
        int channels = (int) shape[1];
        INDArray x = TestArrays.uniform(random, shape).muli(3).addi(40);
        long[] statShape = shape.length == 4 ? new long[] {1, channels, 1, 1} : new long[] {1, channels};
        INDArray gamma = TestArrays.uniform(random, statShape).addi(1.5);
        INDArray beta = TestArrays.uniform(random, statShape);
        INDArray y = Nd4j.create(DataType.FLOAT, shape);
        INDArray mean = Nd4j.create(DataType.FLOAT, statShape);
        INDArray variance = Nd4j.create(DataType.FLOAT, statShape);
        int before = OpenMpThreads.current();
        OpenMpThreads.set(threads);
        try {
            new BatchNormForward(new INDArray[] {x, gamma, beta}, new INDArray[] {y, mean, variance}, 1e-5).run();
        } finally {
            OpenMpThreads.set(before);
        }

        int per = (int) (x.length() / shape[0] / channels);
        int m = (int) shape[0] * per;
        for (int c = 0; c < channels; c++) {
            double mu = 0;
            for (int n = 0; n < shape[0]; n++) {
                for (int j = 0; j < per; j++) {
                    mu += x.getDouble((n * channels + c) * per + j) / m;
                }
            }
            double var = 0;
            for (int n = 0; n < shape[0]; n++) {
                for (int j = 0; j < per; j++) {
                    double d = x.getDouble((n * channels + c) * per + j) - mu;
                    var += d * d / m;
                }
            }
            assertThat(mean.getDouble(c)).as("mean %d", c).isCloseTo(mu, within(2e-5 * Math.abs(mu)));
            assertThat(variance.getDouble(c)).as("variance %d", c).isCloseTo(var, within(1e-5 * var));
            for (int n = 0; n < shape[0]; n++) {
                for (int j = 0; j < per; j++) {
                    int i = (n * channels + c) * per + j;
                    double expected = (x.getDouble(i) - mu) / Math.sqrt(var + 1e-5) * gamma.getDouble(c) + beta.getDouble(c);
                    assertThat(y.getDouble(i)).as("y[%d]", i).isCloseTo(expected, within(5e-5));
                }
            }
        }
    }
}
