package org.gan4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gan4j.LatentSpace;

/**
 * Which samples a distributed run draws from a generator, independent of the cluster: sample i takes its latent
 * vector from a stream seeded by (seed, i) alone ({@link SplittableRandom} seeded with seed ⊕ i·φ, φ the 64-bit
 * golden ratio; N(0, 1) coordinates by Java's {@code nextGaussian}, U[−1, 1) by {@code nextDouble(−1, 1)}), and a
 * conditional generator's sample i asks for class i mod classes. Samples are generated in chunks of a fixed size that
 * start at multiples of it, and a partition holds whole chunks, so every sample is computed in the same batch at any
 * partition count: the generated set is identical for 1 or 100 partitions.
 *
 * @param samples    how many samples, &gt;= 1
 * @param seed       the seed of the sample streams
 * @param chunk      samples per generator call, &gt;= 1 (default 250)
 * @param partitions Spark partitions, &gt;= 1 (at most one per chunk is used)
 *
 * @since 0.1.0
 * @serial exclude
 */
public record GenerationPlan(long samples, long seed, int chunk, int partitions) implements Serializable {
    /** The default chunk: samples per generator call. */
    public static final int DEFAULT_CHUNK = 250;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /**
     * Validates the plan.
     *
     * @param samples    how many samples, &gt;= 1
     * @param seed       the seed of the sample streams
     * @param chunk      samples per generator call, &gt;= 1
     * @param partitions Spark partitions, &gt;= 1
     */
    public GenerationPlan {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1 but was " + samples);
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1 but was " + chunk);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 but was " + partitions);
        }
    }

    /**
     * @param samples    how many samples
     * @param seed       the seed of the sample streams
     * @param partitions Spark partitions
     * @return a plan with the default chunk
     */
    public static GenerationPlan of(long samples, long seed, int partitions) {
        return new GenerationPlan(samples, seed, DEFAULT_CHUNK, partitions);
    }

    /** @return the chunks as [first index, end index) pairs, in order */
    public List<long[]> chunks() {
        List<long[]> chunks = new ArrayList<>();
        for (long from = 0; from < samples; from += chunk) {
            chunks.add(new long[] {from, Math.min(samples, from + chunk)});
        }
        return chunks;
    }

    /**
     * @param latent the generator's latent space
     * @param index  the sample's index, 0 ≤ index &lt; samples
     * @return sample index's latent vector
     */
    public float[] latent(LatentSpace latent, long index) {
        SplittableRandom random = new SplittableRandom(seed ^ (index * GOLDEN));
        float[] z = new float[latent.size()];
        for (int j = 0; j < z.length; j++) {
            z[j] = (float) (latent.distribution() == LatentSpace.Distribution.GAUSSIAN ? random.nextGaussian()
                    : random.nextDouble(-1, 1));
        }
        return z;
    }

    /**
     * @param classes the conditional generator's class count, &gt;= 1
     * @param index   the sample's index
     * @return the class sample index asks for
     */
    public static int label(int classes, long index) {
        return (int) (index % classes);
    }
}
