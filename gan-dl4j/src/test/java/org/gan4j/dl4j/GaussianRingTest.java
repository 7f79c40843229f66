package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.data.GaussianRing;
import org.gan4j.loss.GanLoss;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.losses.WassersteinLoss;
import org.gan4j.metrics.ModeCoverage;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The 8-Gaussian ring (radius 2, σ = 0.02), sized for CI, seed 5 ({@code -Dgan4j.test.ringSeed=s} for sweeps). MLPs
 * with 3 × 128 hidden units, batch 256, learning rates decayed linearly to 0; 10,000 samples; "high quality" = within
 * 3σ of a mode. Sweeps on the current code (2 threads, compiled execution):
 * <ul>
 *   <li>WGAN-GP, seeds 1–6: 8 modes every time, high-quality share 0.727–0.786 (seed 5: 0.748); bars 8 and 0.65;</li>
 *   <li>non-saturating, seeds 1–8: modes 7, 7, 6, 6, 7, 7, 7, 8, high-quality share 0.85, 0.07, 0.89, 0.85, 0.89,
 *       0.80, 0.86, 0.91 (seed 2 spreads over every mode without settling on them); seed 5 gives 7 and 0.890; bars 7
 *       and 0.6. The minimax-family GAN drops a mode on a quarter of the seeds, which is what this test documents.</li>
 * </ul>
 */
@Tag("training")
class GaussianRingTest {
    static final GaussianRing RING = GaussianRing.standard();
    static final long SEED = Long.getLong("gan4j.test.ringSeed", 5);

    static GanTrainer.Builder ringGan(GanLoss loss, long steps, OptimizerSpec optimizer) {
        Generator g = Generator.builder().latent(LatentSpace.gaussian(8))
                .dense(128).relu().dense(128).relu().dense(128).relu().dense(2).build();
        Discriminator d = Discriminator.builder().input(2)
                .dense(128).leakyRelu(0.2).dense(128).leakyRelu(0.2).dense(128).leakyRelu(0.2).dense(1).build();
        return GanTrainer.builder().generator(g).discriminator(d).loss(loss)
                .generatorOptimizer(optimizer).discriminatorOptimizer(optimizer)
                .data(RING.source(100_000, 1)).batchSize(256).steps(steps).seed(SEED);
    }

    static ModeCoverage train(GanTrainer.Builder builder, String name) {
        long t0 = System.nanoTime();
        TrainedGan gan = builder.build().fit();
        ModeCoverage c = ModeCoverage.of(gan.sample(10_000), RING.centres(), RING.sigma(), 0.05);
        System.err.printf("%s: %s in %.1f s%n", name, c, (System.nanoTime() - t0) / 1e9);
        return c;
    }

    @Test
    void should_cover_the_ring_with_wgan_gp() {
        // λ = 0.1 as in the WGAN-GP paper's toy experiments; 5 critic steps from the recipe
        ModeCoverage c = train(ringGan(WassersteinLoss.withGradientPenalty(0.1), 2000,
                OptimizerSpec.adam(2e-3, 0.0, 0.9).withLinearDecay(0.0)), "WGAN-GP");
        assertThat(c.modesCovered()).isEqualTo(8);
        assertThat(c.highQualityFraction()).isGreaterThanOrEqualTo(0.65);
    }

    @Test
    void should_cover_the_ring_with_the_non_saturating_loss() {
        ModeCoverage c = train(ringGan(new NonSaturatingLoss(), 3000,
                OptimizerSpec.adam(2e-3, 0.5, 0.999).withLinearDecay(0.0)), "non-saturating");
        assertThat(c.modesCovered()).isGreaterThanOrEqualTo(7);
        assertThat(c.highQualityFraction()).isGreaterThanOrEqualTo(0.6);
    }
}
