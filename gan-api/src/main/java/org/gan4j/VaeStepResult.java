package org.gan4j;

/**
 * What one VAE training step did: one update of the encoder and decoder together, every value measured on the step's
 * batch before the update, averaged over the batch, in nats per sample. The training history holds these values as
 * a {@link StepResult} whose {@link StepResult#generatorLoss()} is the trained objective, whose
 * {@link StepResult#discriminatorLoss()} is NaN (there is no discriminator), and whose
 * {@link StepResult#terms() terms} are named by this record's constants.
 *
 * @param step           the 1-based step number
 * @param loss           the trained objective, reconstruction + β·KL
 * @param negativeElbo   −ELBO = reconstruction + KL (the bound itself, whatever β)
 * @param reconstruction −E_q(z|x)[log p(x|z)], estimated with one draw of z
 * @param kl             KL(q(z|x) ‖ N(0, I)), in closed form
 * @param beta           the KL weight β of the step (after warm-up)
 *
 * @since 0.1.0
 */
public record VaeStepResult(long step, double loss, double negativeElbo, double reconstruction, double kl, double beta) {
    /** The term name of {@link #negativeElbo()}. */
    public static final String NEGATIVE_ELBO = "negative_elbo";
    /** The term name of {@link #reconstruction()}. */
    public static final String RECONSTRUCTION = "reconstruction";
    /** The term name of {@link #kl()}. */
    public static final String KL = "kl";
    /** The term name of {@link #beta()}. */
    public static final String BETA = "beta";

    /**
     * @param r a step of a VAE run
     * @return its values
     * @throws IllegalArgumentException if the step lacks a VAE term
     */
    public static VaeStepResult of(StepResult r) {
        return new VaeStepResult(r.step(), r.generatorLoss(), r.term(NEGATIVE_ELBO), r.term(RECONSTRUCTION), r.term(KL),
                r.term(BETA));
    }
}
