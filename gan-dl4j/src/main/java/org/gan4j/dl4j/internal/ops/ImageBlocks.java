package org.gan4j.dl4j.internal.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One image at a time of a transposed convolution from C maps [h, w] to a single-channel image [H, W] with a k×k kernel:
 * the copies between native memory and per-image Java arrays, and the product of the weights W̃ [k², C] with one image's
 * maps, its columns ({@link PatchColumns} for one image, [k², h·w]). The row loops run over arrays of their own length
 * from index 0, which the JIT vectorises (the same loop over rows of one flat array, at offsets, ran about 6 times slower).
 *
 * @param images    N
 * @param channels  C
 * @param positions k²
 * @param patches   h·w
 * @param pixels    H·W
 * @param columns   im2col / col2im of one image
 */
record ImageBlocks(int images, int channels, int positions, int patches, int pixels, PatchColumns columns) {

    /**
     * @param maps   [N, C, h, w]
     * @param image  [N, 1, H, W]
     * @param kernel k
     * @param stride s
     * @param pad    p
     * @return the geometry
     */
    static ImageBlocks of(INDArray maps, INDArray image, int kernel, int stride, int pad) {
        int h = Math.toIntExact(maps.size(2));
        int w = Math.toIntExact(maps.size(3));
        int height = Math.toIntExact(image.size(2));
        int width = Math.toIntExact(image.size(3));
        return new ImageBlocks(Math.toIntExact(maps.size(0)), Math.toIntExact(maps.size(1)), kernel * kernel, h * w,
                height * width, new PatchColumns(1, height, width, h, w, kernel, stride, pad));
    }

    /** @return one image's scratch arrays: its maps, its columns and its pixels */
    Scratch scratch() {
        return new Scratch(new float[channels][patches], new float[positions][patches], new float[positions * patches],
                new float[pixels]);
    }

    void readMaps(NativeFloats memory, int n, float[][] maps) {
        int at = memory.offset() + n * channels * patches;
        for (float[] row : maps) {
            memory.buffer().get(at, row, 0, patches);
            at += patches;
        }
    }

    void writeImage(float[] image, NativeFloats memory, int n) {
        memory.buffer().put(memory.offset() + n * pixels, image, 0, pixels);
    }

    /**
     * columns[u, ·] = Σ_c W̃[u, c]·maps[c, ·].
     *
     * @param weights W̃ [k², C]
     * @param maps    [C][h·w]
     * @param columns [k²][h·w], replaced
     */
    void mapsToColumns(float[] weights, float[][] maps, float[][] columns) {
        for (int u = 0; u < positions; u++) {
            float[] column = columns[u];
            Arrays.fill(column, 0f);
            int at = u * channels;
            int c = 0;
            for (; c + 4 <= channels; c += 4, at += 4) {
                addScaled(weights[at], weights[at + 1], weights[at + 2], weights[at + 3], maps[c], maps[c + 1],
                        maps[c + 2], maps[c + 3], column);
            }
            for (; c < channels; c++, at++) {
                addScaled(weights[at], maps[c], column);
            }
        }
    }

    /**
     * @param rows [k²][h·w]
     * @param flat [k²·h·w], replaced
     */
    static void flatten(float[][] rows, float[] flat) {
        int at = 0;
        for (float[] row : rows) {
            System.arraycopy(row, 0, flat, at, row.length);
            at += row.length;
        }
    }

    /**
     * Four rows at once: a quarter of the target's loads and stores of one row at a time (25–38 against 17–21
     * GFLOP/s).
     */
    private static void addScaled(float a, float b, float c, float d, float[] s0, float[] s1, float[] s2, float[] s3,
                                  float[] target) {
        for (int p = 0; p < target.length; p++) {
            target[p] += a * s0[p] + b * s1[p] + c * s2[p] + d * s3[p];
        }
    }

    private static void addScaled(float scale, float[] source, float[] target) {
        for (int p = 0; p < target.length; p++) {
            target[p] += scale * source[p];
        }
    }

    /**
     * One image's arrays, one set per part of {@link Halves}.
     *
     * @param maps        [C][h·w]
     * @param columns     [k²][h·w]
     * @param flatColumns [k²·h·w], for {@link PatchColumns}
     * @param image       [H·W]
     */
    record Scratch(float[][] maps, float[][] columns, float[] flatColumns, float[] image) {
    }
}
