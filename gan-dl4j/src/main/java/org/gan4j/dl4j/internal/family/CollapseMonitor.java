package org.gan4j.dl4j.internal.family;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns (once per episode, through SLF4J) about the usual signs of a failing GAN: a discriminator that wins every
 * batch (its loss pinned near 0) and a generator whose gradients vanish. Warnings only: training goes on.
 */
public final class CollapseMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(CollapseMonitor.class);
    /** Consecutive steps before a warning. */
    public static final int PATIENCE = 200;
    /** A discriminator loss below this counts as the discriminator winning every batch. */
    public static final double DOMINANT_LOSS = 1e-3;
    /** A generator gradient norm below this counts as vanished. */
    public static final double VANISHED_NORM = 1e-6;
    private int dominantSteps;
    private int vanishedSteps;

    /**
     * @param step                  the step just completed
     * @param discriminatorLoss     its discriminator loss
     * @param generatorGradientNorm its generator gradient norm (NaN when not measured)
     * @param lossUsesProbabilities whether a loss near 0 means a winning discriminator (true for the
     *                              cross-entropy and least-squares losses; false for Wasserstein and hinge)
     */
    public void observe(long step, double discriminatorLoss, double generatorGradientNorm, boolean lossUsesProbabilities) {
        dominantSteps = lossUsesProbabilities && Math.abs(discriminatorLoss) < DOMINANT_LOSS ? dominantSteps + 1 : 0;
        if (dominantSteps == PATIENCE) {
            LOG.warn("step {}: the discriminator loss has stayed below {} for {} steps: the discriminator wins every batch"
                    + " and the generator learns little (lower D's learning rate, use label smoothing or a penalty)",
                    step, DOMINANT_LOSS, PATIENCE);
        }
        vanishedSteps = generatorGradientNorm < VANISHED_NORM ? vanishedSteps + 1 : 0;
        if (vanishedSteps == PATIENCE) {
            LOG.warn("step {}: the generator's gradient norm has stayed below {} for {} steps: its gradients vanished"
                    + " (a saturating loss or a collapsed discriminator)", step, VANISHED_NORM, PATIENCE);
        }
    }

    /** @return whether the discriminator-dominance warning condition currently holds (for tests) */
    public boolean discriminatorDominant() {
        return dominantSteps >= PATIENCE;
    }

    /** @return whether the vanishing-gradient warning condition currently holds (for tests) */
    public boolean generatorGradientsVanished() {
        return vanishedSteps >= PATIENCE;
    }
}
