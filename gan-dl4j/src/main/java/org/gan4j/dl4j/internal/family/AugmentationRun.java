package org.gan4j.dl4j.internal.family;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.Shape;
import org.gan4j.augment.AdaptiveAugmentation;
import org.gan4j.augment.DiffAugment;
import org.gan4j.dl4j.internal.data.AugmentSampler;
import org.gan4j.dl4j.internal.graph.AugmentGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The augmentation of one GAN run: the parameter arrays of the three augmented batches (real and generated in the
 * discriminator phase, generated in the generator phase), refilled before each update, and the ADA controller's
 * probability when the policy is adaptive ({@link AdaptiveAugmentation}).
 */
public final class AugmentationRun {
    /** The step term holding the augmentation probability p. */
    public static final String PROBABILITY_TERM = "augment_p";
    /** The step term holding ADA's last r_t (0 before the first adjustment; absent without ADA). */
    public static final String OVERFITTING_TERM = "augment_r";

    /**
     * What a checkpoint keeps.
     *
     * @param fills       parameter batches drawn
     * @param probability the current p
     * @param signSum     Σ E[sign(D(T(x_real)))] over the current interval
     * @param stepsSeen   discriminator steps in the current interval
     * @param lastR       the last r_t
     */
    public record State(long fills, double probability, double signSum, int stepsSeen, double lastR) {
    }

    private final AdaptiveAugmentation adaptive;
    private final AugmentSampler sampler;
    private final int batch;
    private final Map<String, INDArray> real;
    private final Map<String, INDArray> fake;
    private final Map<String, INDArray> generated;
    private final INDArray realSigns = Nd4j.scalar(DataType.FLOAT, 0f);
    private double probability;
    private double signSum;
    private int stepsSeen;
    private double lastR;

    /**
     * @param policy   the ops (and fixed probability without ADA)
     * @param adaptive the controller, or null for a fixed probability
     * @param sample   the shape of one image
     * @param batch    the batch size
     * @param seed     the seed of the augmentation stream
     */
    public AugmentationRun(DiffAugment policy, AdaptiveAugmentation adaptive, Shape sample, int batch, long seed) {
        this.adaptive = adaptive;
        this.batch = batch;
        this.sampler = new AugmentSampler(policy, sample, batch, seed);
        this.probability = adaptive == null ? policy.probability() : adaptive.initial();
        real = sampler.allocate(AugmentGraph.REAL_BATCH);
        fake = sampler.allocate(AugmentGraph.FAKE_BATCH);
        generated = sampler.allocate(AugmentGraph.GENERATED_BATCH);
    }

    /** @return the arrays the discriminator phase reads, by placeholder name */
    public Map<String, INDArray> discriminatorArrays() {
        Map<String, INDArray> all = new LinkedHashMap<>(real);
        all.putAll(fake);
        return all;
    }

    /** @return the arrays the generator phase reads, by placeholder name */
    public Map<String, INDArray> generatorArrays() {
        return generated;
    }

    /** @return the array the discriminator phase copies E[sign(D(T(x_real)))] into */
    public INDArray realSigns() {
        return realSigns;
    }

    /** Draws the parameters of the next discriminator update. */
    public void beforeDiscriminatorStep() {
        sampler.fill(real, AugmentGraph.REAL_BATCH, probability);
        sampler.fill(fake, AugmentGraph.FAKE_BATCH, probability);
    }

    /** Draws the parameters of the next generator update. */
    public void beforeGeneratorStep() {
        sampler.fill(generated, AugmentGraph.GENERATED_BATCH, probability);
    }

    /** Feeds the controller the discriminator update just made; adjusts p at the end of each interval. */
    public void afterDiscriminatorStep() {
        if (adaptive == null) {
            return;
        }
        signSum += realSigns.getDouble(0);
        if (++stepsSeen == adaptive.interval()) {
            lastR = signSum / stepsSeen;
            probability = adaptive.adjust(probability, lastR, batch);
            signSum = 0;
            stepsSeen = 0;
        }
    }

    /** @return the current probability p */
    public double probability() {
        return probability;
    }

    /** @return the step terms: p, and ADA's last r_t with the controller */
    public Map<String, Double> terms() {
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put(PROBABILITY_TERM, probability);
        if (adaptive != null) {
            terms.put(OVERFITTING_TERM, lastR);
        }
        return terms;
    }

    /** @return the state a checkpoint keeps */
    public State state() {
        return new State(sampler.fills(), probability, signSum, stepsSeen, lastR);
    }

    /** @param state a state from {@link #state()} */
    public void restore(State state) {
        sampler.restoreFills(state.fills());
        probability = state.probability();
        signSum = state.signSum();
        stepsSeen = state.stepsSeen();
        lastR = state.lastR();
    }
}
