package org.gan4j.dl4j;

import java.nio.file.Path;
import org.gan4j.LossHistory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of {@link GanTrainer#fit()}: the trained generator and the loss history.
 *
 * @since 0.1.0
 */
public final class TrainedGan {
    private final GeneratorModel generator;
    private final LossHistory history;

    TrainedGan(GeneratorModel generator, LossHistory history) {
        this.generator = generator;
        this.history = history;
    }

    /** @return the trained generator */
    public GeneratorModel generator() {
        return generator;
    }

    /** @return the losses of every step */
    public LossHistory history() {
        return history;
    }

    /**
     * @param n the number of samples
     * @return n samples from the generator, [n, sample shape...]
     */
    public INDArray sample(int n) {
        return generator.sample(n);
    }

    /**
     * @param latent latent vectors [n, latent size]
     * @return their samples, [n, sample shape...]
     */
    public INDArray sample(INDArray latent) {
        return generator.sample(latent);
    }

    /**
     * Saves the generator; see {@link GeneratorModel#save(Path)}.
     *
     * @param file the archive to write
     */
    public void save(Path file) {
        generator.save(file);
    }

    /**
     * Samples a conditional GAN: the i-th sample is generated for class {@code labels[i]}.
     *
     * @param labels the classes, each in [0, classes)
     * @return samples [labels.length, sample shape...]
     */
    public INDArray sample(int[] labels) {
        return generator.sample(labels);
    }

    /**
     * @param latent latent vectors [n, latent size]
     * @param labels one class per vector
     * @return samples [n, sample shape...]
     */
    public INDArray sample(INDArray latent, int[] labels) {
        return generator.sample(latent, labels);
    }

    @Override
    public String toString() {
        return "TrainedGan(" + generator + ", " + history + ")";
    }
}
