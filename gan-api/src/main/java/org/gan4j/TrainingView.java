package org.gan4j;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A read-only view of a training run of any model family (GAN, conditional GAN, CycleGAN), handed to
 * {@link TrainingListener}s.
 *
 * @since 0.1.0
 */
public interface TrainingView {

    /** @return the number of steps done so far */
    long step();

    /** @return the current 0-based epoch */
    int epoch();

    /** @return the step count at which training stops (-1 when it is not known in advance) */
    long totalSteps();

    /** @return the losses so far */
    LossHistory history();

    /**
     * Records a metric value at the current step; it lands in the run's {@link LossHistory#metrics()}.
     *
     * @param name  the metric's name
     * @param value its value
     */
    void recordMetric(String name, double value);

    /**
     * @return the run's configuration by name, in a stable order (family, loss, optimizers, networks, then batch size,
     *         length, seed, EMA, time limit), for reports and run records; unmodifiable
     */
    java.util.Map<String, String> configuration();

    /**
     * Images of the model as it is now, from the same inputs at every call with the same seed, so that pictures of
     * different steps compare (a GAN: samples of one fixed latent batch, a conditional generator cycling through the classes; a
     * CycleGAN: rows of x, G(x), F(G(x)), y, F(y), G(F(y)) for fixed images of both domains). Uses the averaged
     * weights when the run keeps an EMA.
     *
     * @param count   about how many images (a GAN gives exactly this many; a CycleGAN ⌈count / 6⌉ rows of 6)
     * @param columns images per row wished for (a CycleGAN always uses 6)
     * @param seed    chooses the inputs (the latent batch; the images of each domain)
     * @return the images, or empty when the model's outputs are not images ([1 or 3, height, width])
     */
    Optional<ImagePreview> preview(int count, int columns, long seed);

    /**
     * Fresh generated images for metrics: a GAN's samples from new latent draws (a conditional GAN's for uniformly
     * drawn classes), a CycleGAN's translations G(x) of images of domain X. Uses the averaged weights when the run
     * keeps an EMA.
     *
     * @param n the number of images, &gt;= 1
     * @return [n, sample shape...]
     */
    INDArray generate(int n);

    /**
     * @return the generator with its current weights, for sampling in inference mode
     * @throws UnsupportedOperationException when the run does not train a generator from a latent space (CycleGAN)
     */
    default GeneratorSampler generator() {
        throw new UnsupportedOperationException("this run trains no generator from a latent space: " + configuration());
    }
}
