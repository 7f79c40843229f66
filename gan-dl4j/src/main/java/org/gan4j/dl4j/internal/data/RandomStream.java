package org.gan4j.dl4j.internal.data;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The random streams of a training run, one per purpose, each seeded from the run's seed. A model family declares
 * the streams it uses ({@link #seeds(long, Set)}), which refuses two purposes that would draw from one sequence.
 * The derivations are those gan4j has always used, so that a seed gives the same run as before.
 */
public enum RandomStream {
    /** ND4J's global generator: random ops inside the graphs (dropout, the gradient penalty's interpolation). */
    GRAPH_OPS(0),
    /** The initial weights of every network. */
    WEIGHTS(0) {
        @Override
        public long seed(long runSeed) {
            return runSeed ^ 0x9E3779B97F4A7C15L;
        }
    },
    /** Latent draws of the training steps: a GAN's latent batches, a VAE's reparameterization noise ε. */
    LATENT(1),
    /** The shuffle of the (first) data source, one shuffle per pass. */
    DATA(2),
    /** Latent draws of the generator handed to listeners and returned by {@code fit()}. */
    SAMPLER(3),
    /** The shuffle of a second data source (a CycleGAN's domain Y). */
    SECOND_DATA(3),
    /** Class labels of a conditional GAN's generated batches. */
    LABELS(4),
    /** Draws of the first image pool (a CycleGAN's translations into X). */
    FIRST_POOL(5),
    /** Draws of the second image pool (a CycleGAN's translations into Y). */
    SECOND_POOL(6),
    /** Per-sample parameters of the discriminator's augmentation (DiffAugment). */
    AUGMENT(7),
    /** StyleGAN's per-pixel noise, style-mixing draws and path-length noise. */
    STYLE_NOISE(8);

    private final long offset;

    RandomStream(long offset) {
        this.offset = offset;
    }

    /**
     * @param runSeed the run's seed
     * @return this stream's seed
     */
    public long seed(long runSeed) {
        return runSeed + offset;
    }

    /**
     * @param runSeed the run's seed
     * @param used    the streams one run draws from
     * @return the seed of each
     * @throws IllegalStateException if two of them would draw from the same sequence
     */
    public static Map<RandomStream, Long> seeds(long runSeed, Set<RandomStream> used) {
        Map<RandomStream, Long> seeds = new java.util.EnumMap<>(RandomStream.class);
        Map<Long, RandomStream> owners = new HashMap<>();
        for (RandomStream s : EnumSet.copyOf(used)) {
            long seed = s.seed(runSeed);
            RandomStream other = owners.putIfAbsent(seed, s);
            if (other != null) {
                throw new IllegalStateException("random streams " + other + " and " + s + " would share seed " + seed);
            }
            seeds.put(s, seed);
        }
        return seeds;
    }
}
