package org.gan4j.dl4j.internal;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The history of generated images that CycleGAN's discriminators see (Shrivastava et al., "Learning from Simulated
 * and Unsupervised Images through Adversarial Training", CVPR 2017; CycleGAN keeps 50): while the pool fills, each
 * new image is stored and shown; then, for each new image, with probability ½ a random stored image is shown and
 * replaced by the new one, else the new one is shown. A capacity of 0 always shows the new images.
 */
public final class ImagePool {
    private final int capacity;
    private final int sampleSize;
    private final float[] stored;
    private final float[] staging;
    private final SplittableRandom random;
    private int filled;

    /**
     * @param capacity   images kept, &gt;= 0
     * @param batchSize  images per query
     * @param sampleSize values per image
     * @param seed       the seed of the swap draws
     */
    public ImagePool(int capacity, int batchSize, int sampleSize, long seed) {
        this.capacity = capacity;
        this.sampleSize = sampleSize;
        this.stored = new float[capacity * sampleSize];
        this.staging = new float[batchSize * sampleSize];
        this.random = new SplittableRandom(seed);
    }

    /**
     * Writes into {@code shown} the images the discriminator sees for the batch {@code fresh}.
     *
     * @param fresh the new images [batch, ...], float, contiguous
     * @param shown the array receiving the images to show, same shape, contiguous
     */
    public void query(INDArray fresh, INDArray shown) {
        if (capacity == 0) {
            shown.assign(fresh);
            return;
        }
        float[] values = fresh.data().asFloat();
        int batch = Math.toIntExact(fresh.size(0));
        for (int i = 0; i < batch; i++) {
            int at = i * sampleSize;
            if (filled < capacity) {
                System.arraycopy(values, at, stored, filled++ * sampleSize, sampleSize);
                System.arraycopy(values, at, staging, at, sampleSize);
            } else if (random.nextBoolean()) {
                int slot = random.nextInt(capacity) * sampleSize;
                System.arraycopy(stored, slot, staging, at, sampleSize);
                System.arraycopy(values, at, stored, slot, sampleSize);
            } else {
                System.arraycopy(values, at, staging, at, sampleSize);
            }
        }
        shown.data().setData(staging);
    }
}
