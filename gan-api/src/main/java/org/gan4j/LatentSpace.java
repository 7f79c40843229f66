package org.gan4j;

/**
 * The prior p(z) a generator samples its input from: a standard Gaussian N(0, I) or a uniform U[-1, 1]
 * distribution over vectors of a given size.
 *
 * @since 0.1.0
 */
public final class LatentSpace {
    /** The distribution of each latent coordinate. */
    public enum Distribution {
        /** N(0, 1) per coordinate. */
        GAUSSIAN,
        /** U[-1, 1] per coordinate. */
        UNIFORM
    }

    private final Distribution distribution;
    private final int size;

    private LatentSpace(Distribution distribution, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("latent size must be >= 1 but was " + size);
        }
        this.distribution = distribution;
        this.size = size;
    }

    /**
     * @param size the number of latent coordinates
     * @return a standard Gaussian latent space N(0, I) of that size
     */
    public static LatentSpace gaussian(int size) {
        return new LatentSpace(Distribution.GAUSSIAN, size);
    }

    /**
     * @param size the number of latent coordinates
     * @return a uniform latent space U[-1, 1]^size
     */
    public static LatentSpace uniform(int size) {
        return new LatentSpace(Distribution.UNIFORM, size);
    }

    /** @return the distribution of each coordinate */
    public Distribution distribution() {
        return distribution;
    }

    /** @return the number of latent coordinates */
    public int size() {
        return size;
    }

    /** @return the shape of one latent vector, {@code [size]} */
    public Shape shape() {
        return Shape.of(size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentSpace other && other.distribution == distribution && other.size == size;
    }

    @Override
    public int hashCode() {
        return distribution.hashCode() * 31 + size;
    }

    @Override
    public String toString() {
        return (distribution == Distribution.GAUSSIAN ? "gaussian(" : "uniform(") + size + ")";
    }
}
