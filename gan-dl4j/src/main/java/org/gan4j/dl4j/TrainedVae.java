package org.gan4j.dl4j;

import java.nio.file.Path;
import org.gan4j.LossHistory;
import org.gan4j.VaeStepResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of {@link VaeTrainer#fit()}: the trained model (averaged weights when an EMA was kept) and the history.
 *
 * @since 0.1.0
 */
public final class TrainedVae {
    private final VaeModel model;
    private final LossHistory history;

    TrainedVae(VaeModel model, LossHistory history) {
        this.model = model;
        this.history = history;
    }

    /** @return the trained model */
    public VaeModel model() {
        return model;
    }

    /** @return the run's history: steps with their VAE terms, and recorded metrics */
    public LossHistory history() {
        return history;
    }

    /** @return every step's values, in order */
    public java.util.List<VaeStepResult> steps() {
        return history.steps().stream().map(VaeStepResult::of).toList();
    }

    /**
     * @param images samples [n, sample shape...]
     * @return their posteriors; see {@link VaeModel#encode(INDArray)}
     */
    public VaeModel.Encoding encode(INDArray images) {
        return model.encode(images);
    }

    /**
     * @param z latent vectors [n, L]
     * @return the decoded samples
     */
    public INDArray decode(INDArray z) {
        return model.decode(z);
    }

    /**
     * @param images samples [n, sample shape...]
     * @return D(μ(x)) for each
     */
    public INDArray reconstruct(INDArray images) {
        return model.reconstruct(images);
    }

    /**
     * @param n the number of samples
     * @return n decoded draws of the prior N(0, I)
     */
    public INDArray sample(int n) {
        return model.sample(n);
    }

    /**
     * @param from  a sample
     * @param to    another
     * @param steps points on the line between their posterior means, &gt;= 2
     * @return the decoded points; see {@link VaeModel#interpolate(INDArray, INDArray, int)}
     */
    public INDArray interpolate(INDArray from, INDArray to, int steps) {
        return model.interpolate(from, to, steps);
    }

    /**
     * Saves the model; see {@link VaeModel#save(Path)}.
     *
     * @param file the archive to write
     */
    public void save(Path file) {
        model.save(file);
    }

    @Override
    public String toString() {
        return "TrainedVae(" + model + ", " + history + ")";
    }
}
