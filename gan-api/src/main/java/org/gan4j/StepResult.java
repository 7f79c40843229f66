package org.gan4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one training step did. A GAN step is one generator update preceded by k discriminator updates; other model
 * families report the terms of their objectives in {@link #terms()} (a CycleGAN its adversarial, cycle and identity
 * terms, see {@link CycleGanStepResult}).
 *
 * @param step              the 1-based step number
 * @param epoch             the 0-based epoch during which the step ran
 * @param discriminatorLoss the discriminator's loss, averaged over the step's k discriminator updates; NaN for a family
 *                          without a discriminator (a VAE)
 * @param generatorLoss     the generator's loss at its update (a VAE's trained objective)
 * @param terms             named parts of the step's losses, in the order the model reports them (unmodifiable)
 *
 * @since 0.1.0
 */
public record StepResult(long step, int epoch, double discriminatorLoss, double generatorLoss, Map<String, Double> terms) {

    /**
     * Copies the terms, keeping their order.
     *
     * @param step              the 1-based step number
     * @param epoch             the 0-based epoch
     * @param discriminatorLoss the discriminator's loss
     * @param generatorLoss     the generator's loss
     * @param terms             named parts of the losses
     */
    public StepResult {
        Objects.requireNonNull(terms, "terms == null");
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }

    /**
     * A step without named terms.
     *
     * @param step              the 1-based step number
     * @param epoch             the 0-based epoch
     * @param discriminatorLoss the discriminator's loss
     * @param generatorLoss     the generator's loss
     */
    public StepResult(long step, int epoch, double discriminatorLoss, double generatorLoss) {
        this(step, epoch, discriminatorLoss, generatorLoss, Map.of());
    }

    /** @return whether the step trained a discriminator (its loss is a number) */
    public boolean hasDiscriminator() {
        return !Double.isNaN(discriminatorLoss);
    }

    /**
     * @param name a term's name
     * @return its value
     * @throws IllegalArgumentException if the step has no such term
     */
    public double term(String name) {
        Double value = terms.get(name);
        if (value == null) {
            throw new IllegalArgumentException("step " + step + " has no term '" + name + "' (it has " + terms.keySet() + ")");
        }
        return value;
    }
}
