package org.gan4j;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images that show a model as it is during training, laid out for a grid: a GAN's samples from a fixed latent
 * batch, or a CycleGAN's rows of x, G(x), F(G(x)), y, F(y), G(F(y)) for fixed images of both domains.
 *
 * @param images  the images, [n, channels, height, width] in [-1, 1], row by row
 * @param columns images per row of the grid, &gt;= 1
 *
 * @since 0.1.0
 */
public record ImagePreview(INDArray images, int columns) {

    /**
     * Checks the arguments.
     *
     * @param images  the images
     * @param columns images per row, &gt;= 1
     */
    public ImagePreview {
        Objects.requireNonNull(images, "images == null");
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1 but was " + columns);
        }
    }

    /**
     * @param shape the shape of one sample
     * @return whether it is an image a preview can show: [1 or 3 channels, height, width]
     */
    public static boolean isImageShape(Shape shape) {
        long[] dims = shape.dims();
        return dims.length == 3 && (dims[0] == 1 || dims[0] == 3);
    }
}
