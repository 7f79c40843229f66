package org.gan4j.dl4j.listeners;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.gan4j.dl4j.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lays out a batch of images [n, channels (1 or 3), height, width] with values in [-1, 1] as one picture, row by row,
 * with a one-pixel gap, and writes it as PNG atomically.
 *
 * @since 0.1.0
 */
public final class ImageGrid {
    private ImageGrid() {
    }

    /**
     * @param images  the images, [n, 1 or 3, h, w], values in [-1, 1] (clipped)
     * @param columns images per row
     * @return the grid as an RGB image
     */
    public static BufferedImage render(INDArray images, int columns) {
        Objects.requireNonNull(images, "images == null");
        if (images.rank() != 4 || (images.size(1) != 1 && images.size(1) != 3)) {
            throw new IllegalArgumentException("images must have shape [n, 1 or 3, height, width] but was "
                    + Arrays.toString(images.shape()));
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1 but was " + columns);
        }
        int n = (int) images.size(0);
        int c = (int) images.size(1);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * (w + 1) + 1, rows * (h + 1) + 1, BufferedImage.TYPE_INT_RGB);
        float[] v = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int i = 0; i < n; i++) {
            int x0 = 1 + (i % cols) * (w + 1);
            int y0 = 1 + (i / cols) * (h + 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] rgb = new int[3];
                    for (int k = 0; k < 3; k++) {
                        int ch = c == 1 ? 0 : k;
                        float value = v[((i * c + ch) * h + y) * w + x];
                        rgb[k] = Math.max(0, Math.min(255, Math.round((value + 1f) * 127.5f)));
                    }
                    out.setRGB(x0 + x, y0 + y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
                }
            }
        }
        return out;
    }

    /**
     * Writes a grid as PNG: to a temporary file beside {@code file}, then renamed over it.
     *
     * @param images  the images, [n, 1 or 3, h, w] in [-1, 1]
     * @param columns images per row
     * @param file    the PNG file
     */
    public static void writePng(INDArray images, int columns, Path file) {
        BufferedImage grid = render(images, columns);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(grid, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
