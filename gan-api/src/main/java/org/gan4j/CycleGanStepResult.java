package org.gan4j;

/**
 * What one CycleGAN training step did: one update of the generators G: X → Y and F: Y → X, then one of the
 * discriminators D_X and D_Y. Every value is measured before its update. The training history holds these values
 * as a {@link StepResult} with the {@link StepResult#terms() terms} named by this record's constants.
 *
 * @param step              the 1-based step number
 * @param generatorLoss     the generators' objective: adversarialXY + adversarialYX + λ·(cycleX + cycleY) + λ_id·identity
 * @param discriminatorLoss discriminatorX + discriminatorY
 * @param adversarialXY     L_G(D_Y(G(x)))
 * @param adversarialYX     L_G(D_X(F(y)))
 * @param cycleX            mean |F(G(x)) − x|, the cycle error of domain X
 * @param cycleY            mean |G(F(y)) − y|, the cycle error of domain Y
 * @param identity          mean |G(y) − y| + mean |F(x) − x|, 0 when the identity term is off
 * @param discriminatorX    L_D(D_X(x), D_X(F(y)))
 * @param discriminatorY    L_D(D_Y(y), D_Y(G(x)))
 *
 * @since 0.1.0
 */
public record CycleGanStepResult(long step, double generatorLoss, double discriminatorLoss, double adversarialXY,
                                 double adversarialYX, double cycleX, double cycleY, double identity,
                                 double discriminatorX, double discriminatorY) {
    /** The term name of {@link #adversarialXY()}. */
    public static final String ADVERSARIAL_XY = "adversarial_xy";
    /** The term name of {@link #adversarialYX()}. */
    public static final String ADVERSARIAL_YX = "adversarial_yx";
    /** The term name of {@link #cycleX()}. */
    public static final String CYCLE_X = "cycle_x";
    /** The term name of {@link #cycleY()}. */
    public static final String CYCLE_Y = "cycle_y";
    /** The term name of {@link #identity()}. */
    public static final String IDENTITY = "identity";
    /** The term name of {@link #discriminatorX()}. */
    public static final String DISCRIMINATOR_X = "discriminator_x";
    /** The term name of {@link #discriminatorY()}. */
    public static final String DISCRIMINATOR_Y = "discriminator_y";

    /**
     * @param r a step of a CycleGAN run
     * @return its values
     * @throws IllegalArgumentException if the step lacks a CycleGAN term
     */
    public static CycleGanStepResult of(StepResult r) {
        return new CycleGanStepResult(r.step(), r.generatorLoss(), r.discriminatorLoss(), r.term(ADVERSARIAL_XY),
                r.term(ADVERSARIAL_YX), r.term(CYCLE_X), r.term(CYCLE_Y), r.term(IDENTITY), r.term(DISCRIMINATOR_X),
                r.term(DISCRIMINATOR_Y));
    }

    /** @return the mean cycle error of the two domains, (cycleX + cycleY) / 2 */
    public double cycleError() {
        return (cycleX + cycleY) / 2;
    }
}
