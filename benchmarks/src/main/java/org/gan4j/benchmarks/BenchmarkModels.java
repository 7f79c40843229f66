package org.gan4j.benchmarks;

import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.zoo.Dcgan;

/**
 * The networks of ../shared/bench/dcgan_ref.py and wgan_gp_ref.py, and the FLOPs of one iteration as
 * ../shared/bench/flops.py counts them (GEMM-like operations of the reference's iteration, batch 64).
 */
enum BenchmarkModels {
    /** DCGAN, one D step and one G step, non-saturating loss. */
    DCGAN(11.2177e9, 1),
    /** MLP GAN 100-256-512-784 / 784-512-256-1, one D step and one G step. */
    MLP(0.7220e9, 1),
    /** DCGAN generator and the DCGAN critic without batch norm, WGAN-GP, 5 critic steps per G step. */
    WGAN_GP(60.5355e9, 5);

    private final double flopsPerIteration;
    private final int criticSteps;

    BenchmarkModels(double flopsPerIteration, int criticSteps) {
        this.flopsPerIteration = flopsPerIteration;
        this.criticSteps = criticSteps;
    }

    double flopsPerIteration() {
        return flopsPerIteration;
    }

    int criticSteps() {
        return criticSteps;
    }

    Generator generator() {
        return switch (this) {
            case DCGAN, WGAN_GP -> Dcgan.generator();
            case MLP -> Generator.builder()
                    .latent(LatentSpace.gaussian(100))
                    .dense(256).leakyRelu(0.2).dense(512).leakyRelu(0.2).dense(784).tanh().reshape(1, 28, 28)
                    .build();
        };
    }

    Discriminator discriminator() {
        return switch (this) {
            case DCGAN -> Dcgan.discriminator();
            case MLP -> Discriminator.builder()
                    .input(1, 28, 28)
                    .flatten().dense(512).leakyRelu(0.2).dense(256).leakyRelu(0.2).dense(1)
                    .build();
            case WGAN_GP -> Discriminator.builder()
                    .input(1, 28, 28)
                    .conv2d(64, 4, 2, 1).leakyRelu(0.2)
                    .conv2d(128, 4, 2, 1).leakyRelu(0.2)
                    .flatten().dense(1)
                    .build();
        };
    }
}
