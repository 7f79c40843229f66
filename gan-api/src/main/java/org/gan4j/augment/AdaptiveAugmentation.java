package org.gan4j.augment;

/**
 * The adaptive augmentation controller of ADA (Karras, Aittala, Hellsten, Laine, Lehtinen and Aila, "Training
 * Generative Adversarial Networks with Limited Data", NeurIPS 2020; reference code NVlabs/stylegan2-ada-pytorch
 * {@code training/training_loop.py}): the probability p of each augmentation op starts at {@link #initial()} and,
 * every {@link #interval()} discriminator steps, moves by
 * <pre>
 *   p ← clamp(p + sign(r_t − target) · (batch · interval) / speedImages, 0, 1),   r_t = E[sign(D(x_real))]
 * </pre>
 * with r_t averaged over the interval's real (augmented) batches: when the discriminator grows confident on the real
 * images (overfits), r_t rises above the target and p rises. r_t reads D's output as a score centred on 0 (logits of
 * the non-saturating and minimax losses, hinge and Wasserstein critics).
 *
 * @param target      r_t's target, in (0, 1); the paper uses 0.6
 * @param interval    discriminator steps between adjustments, &gt;= 1; the reference code uses 4
 * @param speedImages images over which p can move from 0 to 1, &gt;= 1; the paper uses 500,000
 * @param initial     the initial p, in [0, 1]; the paper starts at 0
 *
 * @since 0.1.0
 */
public record AdaptiveAugmentation(double target, int interval, long speedImages, double initial) {
    /** The paper's target. */
    public static final double TARGET = 0.6;

    /**
     * Validates the components.
     *
     * @param target      r_t's target
     * @param interval    discriminator steps between adjustments
     * @param speedImages images for p to move from 0 to 1
     * @param initial     the initial p
     */
    public AdaptiveAugmentation {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must be in (0, 1) but was " + target);
        }
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be >= 1 but was " + interval);
        }
        if (speedImages < 1) {
            throw new IllegalArgumentException("speedImages must be >= 1 but was " + speedImages);
        }
        if (!(initial >= 0 && initial <= 1)) {
            throw new IllegalArgumentException("initial must be in [0, 1] but was " + initial);
        }
    }

    /** @return the paper's controller: target 0.6, every 4 steps, 0 → 1 over 500,000 images, from p = 0 */
    public static AdaptiveAugmentation paper() {
        return new AdaptiveAugmentation(TARGET, 4, 500_000, 0);
    }

    /**
     * @param speedImages images over which p can move from 0 to 1 (short runs need fewer than the paper's 500,000)
     * @return the same controller with that speed
     */
    public AdaptiveAugmentation withSpeed(long speedImages) {
        return new AdaptiveAugmentation(target, interval, speedImages, initial);
    }

    /**
     * The adjustment after an interval.
     *
     * @param p          the current probability
     * @param realSigns  r_t, the mean sign of D's outputs on the interval's real batches
     * @param batch      the batch size
     * @return the new probability
     */
    public double adjust(double p, double realSigns, int batch) {
        double step = Math.signum(realSigns - target) * (double) batch * interval / speedImages;
        return Math.min(1, Math.max(0, p + step));
    }
}
