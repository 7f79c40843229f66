package org.gan4j;

/**
 * What one CycleGAN training step did: one update of the generators G: X → Y and F: Y → X, then one of the
 * discriminators D_X and D_Y. Every value is measured before its update.
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
 */
public record CycleGanStepResult(long step, double generatorLoss, double discriminatorLoss, double adversarialXY,
                                 double adversarialYX, double cycleX, double cycleY, double identity,
                                 double discriminatorX, double discriminatorY) {

    /** @return the mean cycle error of the two domains, (cycleX + cycleY) / 2 */
    public double cycleError() {
        return (cycleX + cycleY) / 2;
    }
}
