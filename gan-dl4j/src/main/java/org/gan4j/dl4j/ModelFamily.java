package org.gan4j.dl4j;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.gan4j.GeneratorSampler;
import org.gan4j.ImagePreview;
import org.gan4j.StepResult;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a model family (GAN, CycleGAN, ...) contributes to the run core, {@link RunLoop}: its networks, its phases
 * and how one step runs them, its own checkpoint state, and what listeners see of it. Everything else (the step
 * loop, divergence and rollback, checkpoints, exact resume, EMA, listeners, the off-heap reclaimer) is the core's.
 *
 * @param <S> the family's own checkpoint state, a record that Jackson writes into the checkpoint's manifest
 */
interface ModelFamily<S> {

    /** Runs one phase of a step with the core's error and divergence handling. */
    interface PhaseRunner {
        /**
         * @param phase the phase, for messages and the finite-weight check
         * @param body  runs it and returns its loss
         * @return the loss
         */
        double run(PhaseGraph phase, DoubleSupplier body);
    }

    /** Called by the family while it fills a step's batches, when a pass over its primary data source ends. */
    interface Passes {
        /** @return whether training goes on (false when that was the last epoch) */
        boolean passEnded();
    }

    /** @return the phases, in step order: their updaters are checkpointed, scaled on rollback and checked for NaN */
    List<PhaseGraph> phases();

    /** @return every trained network's arrays (checkpointed) */
    List<ParameterStore> networks();

    /** @return the networks an EMA averages (the generating ones) */
    List<ParameterStore> averagedNetworks();

    /**
     * Builds the inference models listeners and the result use, once, before the first step.
     *
     * @param sampled the store to compile each averaged network from (its EMA when one is kept, else itself)
     */
    void buildInference(UnaryOperator<ParameterStore> sampled);

    /**
     * Fills the batches of the next step.
     *
     * @param passes told of every pass over the primary source that ends
     * @return false when training ends before the step (the last epoch ended)
     */
    boolean stage(Passes passes);

    /**
     * Runs one step's phases.
     *
     * @param runner runs each phase
     * @param step   the 1-based step being run
     * @param epoch  the current epoch
     * @return the step's result
     */
    StepResult step(PhaseRunner runner, long step, int epoch);

    /** @return the family's configuration, which a checkpoint must match (the core adds its own) */
    Map<String, String> configuration();

    /** @return what a non-finite loss comes from, for messages (the loss and its weights) */
    String lossDescription();

    /** @return the family's state beyond weights and optimizer states, for a checkpoint */
    S state();

    /** @return the record class of {@link #state()} */
    Class<S> stateType();

    /**
     * Restores a state of {@link #state()} and {@link #stateArrays()}.
     *
     * @param state  the checkpoint's
     * @param arrays the checkpoint's arrays of a group of {@link #stateArrays()}, checked against their shapes
     */
    void restore(S state, Function<String, Map<String, INDArray>> arrays);

    /** @return the arrays of the family's state beyond the networks (image pools), by group, for a checkpoint */
    Map<String, Map<String, INDArray>> stateArrays();

    /** @return images of the model for listeners; see {@link org.gan4j.TrainingView#preview(int, int, long)} */
    Optional<ImagePreview> preview(int count, int columns, long seed);

    /**
     * @param n the number of images
     * @return fresh generated images for metrics; see {@link org.gan4j.TrainingView#generate(int)}
     */
    INDArray generate(int n);

    /** @return the latent-space generator, if the family trains one */
    Optional<GeneratorSampler> generator();
}
