package org.gan4j.data;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.gan4j.Shape;

/**
 * One image file turned into a sample by {@link ImageFolder}'s rule (decode; transparency flattened onto white; RGB to
 * gray by ITU-R 601-2 luma or gray to RGB by repetition; centred crop to the target's aspect ratio; Pillow-exact box
 * resize), with pixels scaled to [−1, 1]: for reading image files where {@code ImageFolder}'s single-machine cache does
 * not fit, such as the executors of a Spark job. Serializable and stateless.
 *
 * @since 0.1.0
 */
public final class ImageFileDecoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double[] WHITE = {255, 255, 255};
    /** 1 (gray) or 3 (RGB). */
    private final int channels;
    /** The sample's height. */
    private final int height;
    /** The sample's width. */
    private final int width;

    private ImageFileDecoder(int channels, int height, int width) {
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /**
     * @param shape the sample's shape: [1 or 3, height, width], each side 1..{@value IdxImages#MAX_SIDE}
     * @return a decoder to that shape
     */
    public static ImageFileDecoder of(Shape shape) {
        Objects.requireNonNull(shape, "shape == null");
        long[] d = shape.dims();
        if (d.length != 3 || (d[0] != 1 && d[0] != 3) || d[1] < 1 || d[2] < 1 || d[1] > IdxImages.MAX_SIDE
                || d[2] > IdxImages.MAX_SIDE) {
            throw new IllegalArgumentException("shape must be [1 or 3, height, width] with sides in [1, "
                    + IdxImages.MAX_SIDE + "] but was " + Arrays.toString(d));
        }
        return new ImageFileDecoder((int) d[0], (int) d[1], (int) d[2]);
    }

    /** @return the sample's shape */
    public Shape shape() {
        return Shape.of(channels, height, width);
    }

    /**
     * @param file a PNG, JPEG, GIF or BMP file
     * @return its sample, channels × height × width values in [−1, 1], row-major per channel
     * @throws IllegalArgumentException naming the file and why it cannot be read as an image
     */
    public float[] decode(Path file) {
        Objects.requireNonNull(file, "file == null");
        try {
            float[] sample = new ImageDecoding(channels, height, width, WHITE).decode(file);
            for (int i = 0; i < sample.length; i++) {
                sample[i] = sample[i] * 2 - 1;
            }
            return sample;
        } catch (ImageDecoding.Unreadable e) {
            throw new IllegalArgumentException("file " + file + " cannot be read as an image: " + e.getMessage());
        }
    }
}
