package org.gan4j.dl4j.internal.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float routes of {@link PatchOps}' correlation and scatter, with {@link PatchColumns} in Java. The correlation puts
 * the maps in channel-major order [C, N·P] by bulk copies and runs one matrix product over all images; the scatter goes
 * image by image ({@link ImageBlocks}). The arrays between the steps are allocated once per binding. Measured at one
 * thread for 8 images of 28×28, a 7×7 kernel and 16 channels: libnd4j's {@code im2col} (1.6 ms) and the permuting
 * copies around the product (2.3 ms + 0.75 ms) made the weight gradient take about 2.4 ms per call, and the scatter,
 * with {@code col2im}, about 3 ms.
 */
final class PatchKernels {
    private PatchKernels() {
    }

    /**
     * The sizes of one binding: N images [H, W] on the single-channel side, C maps of h×w patches on the other.
     *
     * @param images    N
     * @param channels  C
     * @param positions k², the kernel positions
     * @param columns   the im2col / col2im of this geometry
     */
    private record Layout(int images, int channels, int positions, PatchColumns columns) {
        static Layout of(INDArray maps, INDArray image, int kernel, int stride, int pad) {
            int n = Math.toIntExact(maps.size(0));
            return new Layout(n, Math.toIntExact(maps.size(1)), kernel * kernel, new PatchColumns(n,
                    Math.toIntExact(image.size(2)), Math.toIntExact(image.size(3)), Math.toIntExact(maps.size(2)),
                    Math.toIntExact(maps.size(3)), kernel, stride, pad));
        }

        /** @return a new [k², N·h·w] array: values by kernel position */
        INDArray byPosition() {
            return Nd4j.create(DataType.FLOAT, positions, (long) columns.columnsLength() / positions);
        }

        /** @return a new [C, N·h·w] array: the maps by channel */
        INDArray byChannel() {
            return Nd4j.create(DataType.FLOAT, channels, (long) columns.columnsLength() / positions);
        }
    }

    /**
     * ∂W̃ [K, C] = Σ_n im2col(a)_n · x_nᵀ.
     *
     * @param image  a [N, 1, H, W]
     * @param maps   x [N, C, h, w]
     * @param kernel k
     * @param stride s
     * @param pad    p
     * @param result [k, k, 1, C]
     * @return one run
     */
    static Runnable correlation(INDArray image, INDArray maps, int kernel, int stride, int pad, INDArray result) {
        Layout layout = Layout.of(maps, image, kernel, stride, pad);
        int n = layout.images();
        int channels = layout.channels();
        PatchColumns columns = layout.columns();
        float[] imageValues = new float[columns.imageLength()];
        float[] columnValues = new float[columns.columnsLength()];
        INDArray byPosition = layout.byPosition();
        INDArray byChannel = layout.byChannel();
        INDArray flatResult = result.reshape(layout.positions(), channels);
        NativeFloats imageMemory = NativeFloats.of(image);
        NativeFloats mapMemory = NativeFloats.of(maps);
        NativeFloats positionMemory = NativeFloats.of(byPosition);
        NativeFloats channelMemory = NativeFloats.of(byChannel);
        return () -> {
            imageMemory.read(imageValues);
            columns.im2col(imageValues, columnValues, 0, n);
            positionMemory.write(columnValues);
            mapMemory.swapLeadingAxesInto(n, channels, channelMemory);
            Nd4j.gemm(byPosition, byChannel, flatResult, false, true, 1.0, 0.0);
        };
    }

    /**
     * y = col2im(W̃ · x), a transposed convolution C → 1; with {@code flipped}, W̃'s kernel turned by 180°, which
     * makes it the stride-1 "same" convolution C → 1 with W̃ itself. Image by image: the columns [k², h·w] of one image
     * are sums of its maps' rows scaled by the weights (rows the JIT vectorises, all in the first-level cache for a
     * 4×4 kernel over 14×14 maps), then {@link PatchColumns#col2im}; images go in {@link Halves}. Against one matrix
     * product over all images (16 rows, after a copy of the maps into channel order), for 500 images of 64 maps 14×14
     * to 28×28: 20 → 14 ms at one thread, 16 → 9 ms at two.
     *
     * @param maps    x [N, C, h, w]
     * @param weights W [k, k, 1, C] or [k, k, C, 1], read as W̃ [k², C]
     * @param stride  s
     * @param pad     p
     * @param flipped whether to turn the kernel
     * @param result  y [N, 1, H, W]
     * @return one run
     */
    static Runnable scatter(INDArray maps, INDArray weights, int stride, int pad, boolean flipped, INDArray result) {
        ImageBlocks blocks = ImageBlocks.of(maps, result, Math.toIntExact(weights.size(0)), stride, pad);
        NativeFloats mapMemory = NativeFloats.of(maps);
        NativeFloats weightMemory = NativeFloats.of(weights);
        NativeFloats resultMemory = NativeFloats.of(result);
        float[] w = new float[weightMemory.length()];
        ImageBlocks.Scratch[] scratch = new ImageBlocks.Scratch[2];
        return () -> {
            weightMemory.read(w);
            Halves.run(blocks.images(), 1, (from, to, part) -> {
                if (scratch[part] == null) {
                    scratch[part] = blocks.scratch();
                }
                ImageBlocks.Scratch s = scratch[part];
                for (int n = from; n < to; n++) {
                    blocks.readMaps(mapMemory, n, s.maps());
                    blocks.mapsToColumns(w, s.maps(), s.columns());
                    ImageBlocks.flatten(s.columns(), s.flatColumns());
                    blocks.columns().col2im(s.flatColumns(), flipped, s.image(), 0, 1);
                    blocks.writeImage(s.image(), resultMemory, n);
                }
            });
        };
    }
}
