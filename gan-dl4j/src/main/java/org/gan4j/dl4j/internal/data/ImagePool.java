package org.gan4j.dl4j.internal.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The history of generated images that CycleGAN's discriminators see (Shrivastava et al., "Learning from Simulated
 * and Unsupervised Images through Adversarial Training", CVPR 2017; CycleGAN keeps 50): while the pool fills, each
 * new image is stored and shown; then, for each new image, with probability ½ a random stored image is shown and
 * replaced by the new one, else the new one is shown. A capacity of 0 always shows the new images. The draws come
 * from a counter-based generator (SplitMix64 of seed + counter), so the whole state fits in a checkpoint.
 */
public final class ImagePool {
    private final int capacity;
    private final int sampleSize;
    private final float[] stored;
    private final float[] staging;
    private final float[] fresh;
    private final long seed;
    private long counter;
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
        this.fresh = new float[batchSize * sampleSize];
        this.seed = seed;
    }

    /**
     * Writes into {@code shown} the images the discriminator sees for the batch {@code images}.
     *
     * @param images the new images [batch, ...], float, contiguous
     * @param shown the array receiving the images to show, same shape, contiguous
     */
    public void query(INDArray images, INDArray shown) {
        if (capacity == 0) {
            shown.assign(images);
            return;
        }
        images.data().asNioFloat().get(fresh);
        float[] values = fresh;
        int batch = Math.toIntExact(images.size(0));
        for (int i = 0; i < batch; i++) {
            int at = i * sampleSize;
            if (filled < capacity) {
                System.arraycopy(values, at, stored, filled++ * sampleSize, sampleSize);
                System.arraycopy(values, at, staging, at, sampleSize);
            } else if ((next() & 1) == 0) {
                int slot = (int) Math.floorMod(next(), (long) capacity) * sampleSize;
                System.arraycopy(stored, slot, staging, at, sampleSize);
                System.arraycopy(values, at, stored, slot, sampleSize);
            } else {
                System.arraycopy(values, at, staging, at, sampleSize);
            }
        }
        shown.data().setData(staging);
    }

    private long next() {
        long z = seed + 0x9E3779B97F4A7C15L * ++counter;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return {images stored, draws made}, for checkpoints */
    public long[] position() {
        return new long[] {filled, counter};
    }

    /** @return the stored images as one array [capacity, values per image] (a copy), for checkpoints */
    public INDArray images() {
        return org.nd4j.linalg.factory.Nd4j.create(stored.clone(), new long[] {capacity, sampleSize}, 'c');
    }

    /**
     * Restores the state {@link #position()} and {@link #images()} described.
     *
     * @param position {images stored, draws made}
     * @param images   the stored images [capacity, values per image]
     */
    public void restore(long[] position, INDArray images) {
        filled = Math.toIntExact(position[0]);
        counter = position[1];
        float[] values = images.dup('c').data().asFloat();
        System.arraycopy(values, 0, stored, 0, stored.length);
    }
}
