package org.example.consumer;

import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.TrainedGan;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.optim.OptimizerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What an application writes: a tiny GAN on 1-D data N(4, 1.25²), trained and sampled. */
public final class TinyGan {
    private TinyGan() {
    }

    public static TrainedGan train(long steps) {
        Nd4j.getRandom().setSeed(3);
        INDArray data = Nd4j.randn(DataType.FLOAT, 2000, 1).muli(1.25).addi(4.0);
        return GanTrainer.builder()
                .generator(Generator.builder().latent(LatentSpace.gaussian(4)).dense(16).leakyRelu(0.2).dense(1).build())
                .discriminator(Discriminator.builder().input(1).dense(16).leakyRelu(0.2).dense(1).build())
                .loss(new NonSaturatingLoss())
                .generatorOptimizer(OptimizerSpec.adam(1e-3, 0.5, 0.999))
                .discriminatorOptimizer(OptimizerSpec.adam(1e-3, 0.5, 0.999))
                .data(InMemoryDataSource.of(data))
                .batchSize(64).steps(steps).seed(1)
                .build()
                .fit();
    }

    public static void main(String[] args) {
        TrainedGan gan = train(800);
        INDArray samples = gan.sample(1000);
        System.out.printf("mean %.3f std %.3f%n", samples.meanNumber().doubleValue(), samples.stdNumber().doubleValue());
    }
}
