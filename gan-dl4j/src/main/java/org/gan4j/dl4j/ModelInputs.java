package org.gan4j.dl4j;

import java.util.Arrays;
import java.util.Objects;
import org.gan4j.Shape;
import org.gan4j.dl4j.io.ModelArchive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The checks the inference models make on what callers hand them. */
final class ModelInputs {
    private ModelInputs() {
    }

    /**
     * @param images a batch
     * @param sample the shape of one sample
     * @return the batch as float32
     * @throws IllegalArgumentException unless the batch has shape [n &gt;= 1, sample...]
     */
    static INDArray batchOf(INDArray images, Shape sample) {
        Objects.requireNonNull(images, "images == null");
        long[] shape = images.shape();
        if (shape.length != sample.rank() + 1 || shape[0] < 1
                || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), sample.dims())) {
            throw new IllegalArgumentException("images must have shape [n >= 1, " + ModelArchive.dims(sample).replace(",", ", ")
                    + "] but had " + Arrays.toString(shape));
        }
        return images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
    }

    /**
     * @param z          latent vectors
     * @param latentSize the latent size
     * @return the vectors as float32
     * @throws IllegalArgumentException unless they have shape [n &gt;= 1, latentSize]
     */
    static INDArray latentOf(INDArray z, int latentSize) {
        Objects.requireNonNull(z, "latent == null");
        if (z.rank() != 2 || z.size(1) != latentSize || z.size(0) < 1) {
            throw new IllegalArgumentException("latent must have shape [n >= 1, " + latentSize + "] but was "
                    + Arrays.toString(z.shape()));
        }
        return z.dataType() == DataType.FLOAT ? z : z.castTo(DataType.FLOAT);
    }
}
