package org.gan4j.dl4j.internal.data;

import org.gan4j.data.GanDataSource;
import org.gan4j.data.SampleCursor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cuts a data source into full batches (the last partial batch of a pass is dropped), staging values in one reused
 * float array and copying them into a preallocated batch array. Each pass is shuffled with its own seed.
 */
public final class RealBatches {
    private final GanDataSource source;
    private final long seed;
    private final int batchSize;
    private final int sampleSize;
    private final float[] staging;
    private final int[] labels;
    private SampleCursor cursor;
    private int pass;
    private long batchesThisPass;

    /**
     * @param source    the data
     * @param batchSize samples per batch
     * @param seed      the seed from which each pass's shuffle seed is derived
     */
    public RealBatches(GanDataSource source, int batchSize, long seed) {
        this.source = source;
        this.seed = seed;
        this.batchSize = batchSize;
        this.sampleSize = Math.toIntExact(source.sampleShape().size());
        this.staging = new float[batchSize * sampleSize];
        this.labels = new int[batchSize];
        this.cursor = source.open(passSeed(0));
    }

    /**
     * Fills {@code batch}, and {@code oneHotLabels} with the samples' classes when it is not null.
     *
     * @param batch        the array to fill, [batchSize, sample shape...], float, contiguous
     * @param oneHotLabels [batchSize, classes], or null for unconditional training
     * @return false when the current pass has ended (nothing written); the next call starts the next pass
     * @throws IllegalArgumentException if the source gives a label outside [0, classes) or a non-finite value
     */
    public boolean fill(INDArray batch, INDArray oneHotLabels) {
        for (int i = 0; i < batchSize; i++) {
            if (!cursor.next(staging, i * sampleSize)) {
                if (batchesThisPass == 0) {
                    throw new IllegalStateException("data source " + source + " gave " + i
                            + " samples in a pass, fewer than one batch of " + batchSize);
                }
                pass++;
                batchesThisPass = 0;
                cursor = source.open(passSeed(pass));
                return false;
            }
            if (oneHotLabels != null) {
                labels[i] = cursor.label();
                int classes = (int) oneHotLabels.size(1);
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IllegalArgumentException("data source " + source + " gave label " + labels[i]
                            + " outside [0, " + classes + ") in pass " + pass + ", batch " + batchesThisPass + ", row " + i);
                }
            }
        }
        requireFinite();
        batchesThisPass++;
        batch.data().setData(staging);
        if (oneHotLabels != null) {
            OneHot.write(labels, oneHotLabels);
        }
        return true;
    }

    /** Refuses a batch holding NaN or an infinity before it reaches a graph, naming where it came from. */
    private void requireFinite() {
        for (int k = 0; k < staging.length; k++) {
            float v = staging[k];
            if (v - v != 0) {
                throw new IllegalArgumentException("data source " + source + " gave " + v + " in pass " + pass + ", batch "
                        + batchesThisPass + ", row " + k / sampleSize + ", value " + k % sampleSize
                        + ": training data must be finite");
            }
        }
    }

    private long passSeed(int p) {
        return seed * 1_000_003L + p;
    }

    /** @return {the current pass, the batches taken from it}, for checkpoints */
    public long[] position() {
        return new long[] {pass, batchesThisPass};
    }

    /**
     * Moves to a position from {@link #position()}: reopens that pass with its shuffle and skips the batches taken.
     *
     * @param position {pass, batches taken}
     */
    public void restorePosition(long[] position) {
        pass = Math.toIntExact(position[0]);
        batchesThisPass = 0;
        cursor = source.open(passSeed(pass));
        for (long b = 0; b < position[1]; b++) {
            for (int i = 0; i < batchSize; i++) {
                if (!cursor.next(staging, i * sampleSize)) {
                    throw new IllegalStateException("data source " + source + " ended after " + b + " batches of pass "
                            + pass + " but the checkpoint had taken " + position[1]);
                }
            }
            batchesThisPass++;
        }
    }
}
