package org.gan4j.samples;

import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.data.GaussianRing;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.loss.GanLoss;

/** The MLP GAN used on the Gaussian ring: three hidden layers of 128 units on each side, batch 256. */
final class RingGan {
    private RingGan() {
    }

    static GanTrainer.Builder builder(GaussianRing ring, GanLoss loss, long steps, long seed) {
        Generator g = Generator.builder().latent(LatentSpace.gaussian(8))
                .dense(128).relu().dense(128).relu().dense(128).relu().dense(2).build();
        Discriminator d = Discriminator.builder().input(2)
                .dense(128).leakyRelu(0.2).dense(128).leakyRelu(0.2).dense(128).leakyRelu(0.2).dense(1).build();
        return GanTrainer.builder().generator(g).discriminator(d).loss(loss)
                .data(ring.source(100_000, seed)).batchSize(256).steps(steps).seed(seed);
    }
}
