package org.gan4j.dl4j.internal.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float routes of {@link PatchOps}' correlation and scatter: {@link PatchColumns} in Java, the maps put in
 * channel-major order [C, N·P] by bulk copies, and one matrix product over all images. The arrays between the steps are
 * allocated once per binding. Measured at one thread for 8 images of 28×28, a 7×7 kernel and 16 channels: libnd4j's
 * {@code im2col} (1.6 ms) and the permuting copies around the product (2.3 ms + 0.75 ms) made the weight gradient
 * take about 2.4 ms per call, and the scatter, with {@code col2im}, about 3 ms.
 */
final class PatchKernels {
    private PatchKernels() {
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
        int n = Math.toIntExact(maps.size(0));
        int channels = Math.toIntExact(maps.size(1));
        int patches = Math.toIntExact(maps.size(2) * maps.size(3));
        int positions = kernel * kernel;
        PatchColumns columns = new PatchColumns(n, (int) image.size(2), (int) image.size(3), (int) maps.size(2),
                (int) maps.size(3), kernel, stride, pad);
        float[] imageValues = new float[columns.imageLength()];
        float[] columnValues = new float[columns.columnsLength()];
        INDArray byPosition = Nd4j.create(DataType.FLOAT, positions, (long) n * patches);
        INDArray byChannel = Nd4j.create(DataType.FLOAT, channels, (long) n * patches);
        INDArray flatResult = result.reshape(positions, channels);
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
     * makes it the stride-1 "same" convolution C → 1 with W̃ itself.
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
        int n = Math.toIntExact(maps.size(0));
        int channels = Math.toIntExact(maps.size(1));
        int patches = Math.toIntExact(maps.size(2) * maps.size(3));
        int kernel = Math.toIntExact(weights.size(0));
        int positions = kernel * kernel;
        PatchColumns columns = new PatchColumns(n, (int) result.size(2), (int) result.size(3), (int) maps.size(2),
                (int) maps.size(3), kernel, stride, pad);
        float[] columnValues = new float[columns.columnsLength()];
        float[] imageValues = new float[columns.imageLength()];
        INDArray byChannel = Nd4j.create(DataType.FLOAT, channels, (long) n * patches);
        INDArray products = Nd4j.create(DataType.FLOAT, positions, (long) n * patches);
        INDArray flatWeights = weights.reshape(positions, channels);
        NativeFloats mapMemory = NativeFloats.of(maps);
        NativeFloats channelMemory = NativeFloats.of(byChannel);
        NativeFloats productMemory = NativeFloats.of(products);
        NativeFloats resultMemory = NativeFloats.of(result);
        return () -> {
            mapMemory.swapLeadingAxesInto(n, channels, channelMemory);
            Nd4j.gemm(flatWeights, byChannel, products, false, false, 1.0, 0.0);
            productMemory.read(columnValues);
            columns.col2im(columnValues, flipped, imageValues, 0, n);
            resultMemory.write(imageValues);
        };
    }
}
