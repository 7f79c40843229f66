package org.gan4j.dl4j.internal.ops;

import java.util.Arrays;

/**
 * {@code im2col} and {@code col2im} for single-channel images in Java, with the columns laid out by kernel position
 * first, so that a product over all images needs no transposing copy. For N images [H, W], a k×k kernel at stride s
 * and padding p over h×w patches, and kernel position u = (i, j):
 * <pre>
 *   columns[u, n, (y, x)] = image[n, y·s + i − p, x·s + j − p]   (0 outside the image)      im2col
 *   image[n, y·s + i − p, x·s + j − p] += columns[u, n, (y, x)]                               col2im, its adjoint
 * </pre>
 * libnd4j 1.0.0-M2.1's {@code im2col} takes 1.6 ms for 8 images of 28×28 with a 7×7 kernel at one thread, and
 * putting its [N, K, P] result in [K, N, P] order another 2.3 ms; this loop copies row segments the JIT vectorises
 * at stride 1. Methods take a range of images, so that callers can split the images over threads.
 */
final class PatchColumns {
    private final int images;
    private final int height;
    private final int width;
    private final int mapHeight;
    private final int mapWidth;
    private final int kernel;
    private final int stride;
    private final int padding;
    /** For each kernel column j: the first and one past the last x whose image column x·s + j − p is inside. */
    private final int[] firstX;
    private final int[] endX;

    /**
     * @param images    N
     * @param height    H, the image's height
     * @param width     W
     * @param mapHeight h, the number of patch rows
     * @param mapWidth  w
     * @param kernel    k
     * @param stride    s
     * @param padding   p
     */
    PatchColumns(int images, int height, int width, int mapHeight, int mapWidth, int kernel, int stride, int padding) {
        this.images = images;
        this.height = height;
        this.width = width;
        this.mapHeight = mapHeight;
        this.mapWidth = mapWidth;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.firstX = new int[kernel];
        this.endX = new int[kernel];
        for (int j = 0; j < kernel; j++) {
            firstX[j] = Math.max(0, Math.floorDiv(padding - j + stride - 1, stride));
            endX[j] = Math.max(firstX[j], Math.min(mapWidth, Math.floorDiv(width - 1 + padding - j, stride) + 1));
        }
    }

    /** @return N·H·W, the length of the images' array */
    int imageLength() {
        return images * height * width;
    }

    /** @return k²·N·h·w, the length of the columns' array */
    int columnsLength() {
        return kernel * kernel * images * mapHeight * mapWidth;
    }

    /**
     * Writes the columns of images [from, to).
     *
     * @param image   the images [N, H, W]
     * @param columns the columns [k², N, h·w]
     * @param from    the first image
     * @param to      one past the last image
     */
    void im2col(float[] image, float[] columns, int from, int to) {
        int patches = mapHeight * mapWidth;
        for (int i = 0; i < kernel; i++) {
            for (int j = 0; j < kernel; j++) {
                int u = i * kernel + j;
                int x0 = firstX[j];
                int x1 = endX[j];
                for (int n = from; n < to; n++) {
                    for (int y = 0; y < mapHeight; y++) {
                        int row = y * stride + i - padding;
                        int at = (u * images + n) * patches + y * mapWidth;
                        if (row < 0 || row >= height) {
                            Arrays.fill(columns, at, at + mapWidth, 0f);
                            continue;
                        }
                        Arrays.fill(columns, at, at + x0, 0f);
                        int source = (n * height + row) * width + j - padding;
                        for (int x = x0; x < x1; x++) {
                            columns[at + x] = image[source + x * stride];
                        }
                        Arrays.fill(columns, at + x1, at + mapWidth, 0f);
                    }
                }
            }
        }
    }

    /**
     * Sums the columns of images [from, to) back into them (their values are replaced).
     *
     * @param columns the columns [k², N, h·w]
     * @param flipped whether kernel position u reads row k² − 1 − u of the columns (the kernel turned by 180°)
     * @param image   the images [N, H, W]
     * @param from    the first image
     * @param to      one past the last image
     */
    void col2im(float[] columns, boolean flipped, float[] image, int from, int to) {
        int patches = mapHeight * mapWidth;
        int positions = kernel * kernel;
        Arrays.fill(image, from * height * width, to * height * width, 0f);
        for (int i = 0; i < kernel; i++) {
            for (int j = 0; j < kernel; j++) {
                int u = i * kernel + j;
                int source = flipped ? positions - 1 - u : u;
                int x0 = firstX[j];
                int x1 = endX[j];
                for (int n = from; n < to; n++) {
                    for (int y = 0; y < mapHeight; y++) {
                        int row = y * stride + i - padding;
                        if (row < 0 || row >= height) {
                            continue;
                        }
                        int at = (source * images + n) * patches + y * mapWidth;
                        int target = (n * height + row) * width + j - padding;
                        for (int x = x0; x < x1; x++) {
                            image[target + x * stride] += columns[at + x];
                        }
                    }
                }
            }
        }
    }
}
