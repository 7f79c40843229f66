package org.gan4j.augment;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Differentiable augmentation (Zhao, Liu, Lin, Zhu and Han, "Differentiable Augmentation for Data-Efficient GAN
 * Training", NeurIPS 2020; reference code mit-han-lab/data-efficient-gans {@code DiffAugment_pytorch.py}): the
 * discriminator sees T(x) for real and generated images alike, in its own updates and in the generator's, so it
 * cannot memorise a small training set while the generator still learns the un-augmented distribution; T is
 * differentiable, so the generator's gradient flows through it. Per sample, with parameters drawn independently for
 * each batch (real, generated) from the run's seeded augmentation stream, and each op applied with probability
 * {@link #probability()} (1 in DiffAugment; ADA's controlled p, see {@link AdaptiveAugmentation}):
 * <ul>
 *   <li>{@link Op#COLOR}: brightness x + (r₁ − ½); saturation (x − x̄_c)·2r₂ + x̄_c with x̄_c the mean over channels
 *       (the identity for one channel); contrast (x − x̄)·(r₃ + ½) + x̄ with x̄ the mean over the image; rᵢ ~ U[0, 1);</li>
 *   <li>{@link Op#TRANSLATION}: a shift by (t_h, t_w), each uniform on {−s, …, s} with s = ⌊size/8 + ½⌋, zero fill;</li>
 *   <li>{@link Op#CUTOUT}: a square of side ⌊size/2 + ½⌋ set to zero, its centre uniform on {0, …, size − (side mod 2)}
 *       and the square clipped at the border.</li>
 * </ul>
 * Ops run in the order colour, translation, cutout. Images are [channels, height, width] in [−1, 1].
 *
 * @param ops         the ops of the policy, at least one
 * @param probability the probability that each op is applied to a sample, in [0, 1]
 *
 * @since 0.1.0
 */
public record DiffAugment(Set<Op> ops, double probability) {
    /** An augmentation op. */
    public enum Op {
        /** Brightness, saturation and contrast. */
        COLOR,
        /** Translation by up to an eighth of the image size, zero fill. */
        TRANSLATION,
        /** A zeroed square of half the image size. */
        CUTOUT
    }

    /**
     * Validates the components.
     *
     * @param ops         the ops, at least one
     * @param probability the probability per op and sample, in [0, 1]
     */
    public DiffAugment {
        Objects.requireNonNull(ops, "ops == null");
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("ops must hold at least one of " + EnumSet.allOf(Op.class) + " but was empty");
        }
        ops = Collections.unmodifiableSet(EnumSet.copyOf(ops));
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1] but was " + probability);
        }
    }

    /**
     * @param ops the ops, at least one
     * @return the policy applying each op to every sample
     */
    public static DiffAugment of(Op... ops) {
        return new DiffAugment(ops.length == 0 ? Set.of() : EnumSet.of(ops[0], ops), 1.0);
    }

    /** @return the paper's policy for small data sets: colour, translation and cutout, always applied */
    public static DiffAugment colorTranslationCutout() {
        return of(Op.COLOR, Op.TRANSLATION, Op.CUTOUT);
    }

    /**
     * @param probability the probability per op and sample, in [0, 1]
     * @return the same ops with that probability
     */
    public DiffAugment withProbability(double probability) {
        return new DiffAugment(ops, probability);
    }

    /**
     * @param op an op
     * @return whether the policy holds it
     */
    public boolean has(Op op) {
        return ops.contains(op);
    }

    @Override
    public String toString() {
        return "DiffAugment(" + ops.stream().map(o -> o.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(",")) + (probability == 1 ? "" : ", p " + probability) + ")";
    }
}
