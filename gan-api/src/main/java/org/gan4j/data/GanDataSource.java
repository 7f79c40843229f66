package org.gan4j.data;

import java.util.OptionalLong;
import org.gan4j.Shape;

/**
 * Real samples for training, read one pass (epoch) at a time. Sources deliver values already scaled the way the
 * generator produces them (images in [-1, 1] for a tanh generator).
 *
 * @since 0.1.0
 */
public interface GanDataSource {

    /** @return the shape of one sample, without the batch dimension */
    Shape sampleShape();

    /** @return the number of samples in one pass, when known */
    OptionalLong size();

    /**
     * Opens one pass over the data.
     *
     * @param seed the seed of the pass's shuffle, for sources that shuffle
     * @return a cursor over the pass
     */
    SampleCursor open(long seed);

    /** @return the number of classes of the samples' labels, 0 for unlabelled data */
    default int classes() {
        return 0;
    }
}
