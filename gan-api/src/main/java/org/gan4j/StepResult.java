package org.gan4j;

/**
 * What one training step did. A step is one generator update preceded by k discriminator updates.
 *
 * @param step              the 1-based step number
 * @param epoch             the 0-based epoch during which the step ran
 * @param discriminatorLoss the discriminator's loss, averaged over the step's k discriminator updates
 * @param generatorLoss     the generator's loss at its update
 */
public record StepResult(long step, int epoch, double discriminatorLoss, double generatorLoss) {
}
