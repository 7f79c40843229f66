package org.gan4j.dl4j.internal.ops;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolutions with a single-channel side (the first convolution of an image discriminator, the last transposed
 * convolution of an image generator, and their gradients) as one matrix product plus libnd4j's {@code im2col} /
 * {@code col2im}, instead of oneDNN's kernels, which run these shapes at a few GFLOP/s (a 64 → 1 transposed convolution
 * of a 64-image batch: 7.6 ms, against about 1.3 ms this way).
 *
 * <p>With K = k² patch positions, a single-channel image a [N, 1, H, W] has columns im2col(a) [N, K, P] over its P
 * patches; for C-channel maps x [N, C, P] and weights W [k, k, 1, C] viewed as W̃ [K, C]:
 * <ul>
 *   <li>{@link Scatter}: y = col2im(W̃ · x), the transposed convolution C → 1 (and the input gradient of a 1 → C
 *       convolution);</li>
 *   <li>{@link Correlation}: ∂W̃ = Σ_n im2col(a)_n · x_nᵀ, the weight gradient of both;</li>
 *   <li>{@link Conv}: the convolution 1 → C itself (native), with ∂x = Scatter(∂y) and ∂W = Correlation(x, ∂y).</li>
 * </ul>
 */
public final class PatchOps {
    static {
        FusedOp.register(new Scatter());
        FusedOp.register(new Correlation());
        FusedOp.register(new Conv());
    }

    private PatchOps() {
    }

    /**
     * @param x         the C-channel input [N, C, h, w]
     * @param w         the weights [k, k, 1, C]
     * @param bias      the bias [1], or null
     * @param geometry  kernel, stride, padding
     * @param outHeight the output's height
     * @param outWidth  the output's width
     * @return the transposed convolution [N, 1, outHeight, outWidth]
     */
    public static SDVariable transposedConvToOneChannel(SDVariable x, SDVariable w, SDVariable bias, int[] geometry,
                                                        long outHeight, long outWidth) {
        SDVariable y = new Scatter(x.getSameDiff(), x, w, geometry, outHeight, outWidth).outputVariable();
        return bias == null ? y : y.add(bias);
    }

    /**
     * @param x        the single-channel input [N, 1, H, W]
     * @param w        the weights [k, k, 1, C]
     * @param bias     the bias [C], or null
     * @param geometry kernel, stride, padding
     * @param height   H
     * @param width    W
     * @return the convolution [N, C, h, w]
     */
    public static SDVariable convFromOneChannel(SDVariable x, SDVariable w, SDVariable bias, int[] geometry, long height,
                                                long width) {
        SDVariable y = new Conv(x.getSameDiff(), x, w, geometry, height, width).outputVariable();
        return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
    }

    private static Conv2DConfig config(long[] g) {
        return Conv2DConfig.builder().kH(g[0]).kW(g[0]).sH(g[1]).sW(g[1]).pH(g[2]).pW(g[2]).dataFormat("NCHW").build();
    }

    private static int[] ints(long... values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.toIntExact(values[i]);
        }
        return out;
    }

    private static DynamicCustomOp im2col(INDArray image, INDArray columns, long[] g) {
        return DynamicCustomOp.builder("im2col").addInputs(image).addOutputs(columns)
                .addIntegerArguments(ints(g[0], g[0], g[1], g[1], g[2], g[2], 1, 1, 0)).addFloatingPointArguments(0.0).build();
    }

    /** y = col2im(W̃ · x): x [N, C, h, w], W [k, k, 1, C] → y [N, 1, H, W]; iArgs k, s, p, H, W. */
    public static final class Scatter extends FusedOp {
        /** For SameDiff's graph copies. */
        public Scatter() {
        }

        Scatter(SameDiff sd, SDVariable x, SDVariable w, int[] geometry, long outHeight, long outWidth) {
            super(sd, new SDVariable[] {x, w});
            addIArgument(geometry[0], geometry[1], geometry[2], outHeight, outWidth);
        }

        @Override
        public String opName() {
            return "gan4j_patch_scatter";
        }

        @Override
        protected int outputCount() {
            return 1;
        }

        @Override
        public List<long[]> outputShapes(INDArray[] in) {
            long[] a = iArgs();
            return List.of(new long[] {in[0].size(0), 1, a[3], a[4]});
        }

        @Override
        public Runnable bind(INDArray[] in, INDArray[] out) {
            long[] g = iArgs();
            if (floatContiguous(in[0], in[1], out[0])) {
                return PatchKernels.scatter(in[0], in[1], (int) g[1], (int) g[2], false, out[0]);
            }
            INDArray x = in[0];
            long n = x.size(0);
            long c = x.size(1);
            long p = x.size(2) * x.size(3);
            long k2 = g[0] * g[0];
            INDArray byChannel = Nd4j.create(x.dataType(), c, n, p);
            INDArray products = Nd4j.create(x.dataType(), k2, n, p);
            INDArray columns = Nd4j.create(x.dataType(), n, 1, g[0], g[0], x.size(2), x.size(3));
            INDArray xView = x.reshape(n, c, p).permute(1, 0, 2);
            INDArray wView = in[1].reshape(k2, c);
            INDArray productsByImage = products.permute(1, 0, 2);
            INDArray columnsView = columns.reshape(n, k2, p);
            DynamicCustomOp col2im = DynamicCustomOp.builder("col2im").addInputs(columns).addOutputs(out[0])
                    .addIntegerArguments(ints(g[1], g[1], g[2], g[2], g[3], g[4], 1, 1, 0)).build();
            INDArray flatChannels = byChannel.reshape(c, n * p);
            INDArray flatProducts = products.reshape(k2, n * p);
            Runnable gather = prepared(assign(byChannel, xView));
            Runnable scatter = prepared(assign(columnsView, productsByImage), col2im);
            return () -> {
                gather.run();
                Nd4j.gemm(wView, flatChannels, flatProducts, false, false, 1.0, 0.0);
                scatter.run();
            };
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradients) {
            SDVariable grad = gradients.get(0);
            SDVariable x = arg(0);
            SDVariable w = arg(1);
            long[] g = iArgs();
            int[] geometry = {(int) g[0], (int) g[1], (int) g[2]};
            SDVariable dx = sameDiff.cnn.conv2d(grad, w, config(g));
            SDVariable dw = new Correlation(sameDiff, grad, x, geometry).outputVariable();
            return List.of(dx, dw);
        }
    }

    /** ∂W [k, k, 1, C] = Σ_n im2col(a)_n · x_nᵀ: a [N, 1, H, W], x [N, C, h, w]; iArgs k, s, p. */
    public static final class Correlation extends FusedOp {
        /** For SameDiff's graph copies. */
        public Correlation() {
        }

        Correlation(SameDiff sd, SDVariable image, SDVariable maps, int[] geometry) {
            super(sd, new SDVariable[] {image, maps});
            addIArgument(geometry[0], geometry[1], geometry[2]);
        }

        @Override
        public String opName() {
            return "gan4j_patch_correlation";
        }

        @Override
        protected int outputCount() {
            return 1;
        }

        @Override
        public List<long[]> outputShapes(INDArray[] in) {
            long k = iArgs()[0];
            return List.of(new long[] {k, k, 1, in[1].size(1)});
        }

        @Override
        public Runnable bind(INDArray[] in, INDArray[] out) {
            long[] g = iArgs();
            if (floatContiguous(in[0], in[1], out[0])) {
                return PatchKernels.correlation(in[0], in[1], (int) g[0], (int) g[1], (int) g[2], out[0]);
            }
            INDArray x = in[1];
            long n = x.size(0);
            long c = x.size(1);
            long p = x.size(2) * x.size(3);
            long k2 = g[0] * g[0];
            INDArray columns = Nd4j.create(x.dataType(), n, 1, g[0], g[0], x.size(2), x.size(3));
            INDArray byPosition = Nd4j.create(x.dataType(), k2, n, p);
            INDArray byChannel = Nd4j.create(x.dataType(), c, n, p);
            DynamicCustomOp im2col = im2col(in[0], columns, g);
            INDArray columnsView = columns.reshape(n, k2, p).permute(1, 0, 2);
            INDArray xView = x.reshape(n, c, p).permute(1, 0, 2);
            INDArray flatPositions = byPosition.reshape(k2, n * p);
            INDArray flatChannels = byChannel.reshape(c, n * p);
            INDArray result = out[0].reshape(k2, c);
            Runnable gather = prepared(im2col, assign(byPosition, columnsView), assign(byChannel, xView));
            return () -> {
                gather.run();
                Nd4j.gemm(flatPositions, flatChannels, result, false, true, 1.0, 0.0);
            };
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradients) {
            throw new UnsupportedOperationException("second derivatives of a convolution weight gradient");
        }
    }

    /** The native convolution 1 → C (x [N, 1, H, W], W [k, k, 1, C]) with the gradients above; iArgs k, s, p, H, W. */
    public static final class Conv extends FusedOp {
        /** For SameDiff's graph copies. */
        public Conv() {
        }

        Conv(SameDiff sd, SDVariable x, SDVariable w, int[] geometry, long height, long width) {
            super(sd, new SDVariable[] {x, w});
            addIArgument(geometry[0], geometry[1], geometry[2], height, width);
        }

        @Override
        public String opName() {
            return "gan4j_patch_conv";
        }

        @Override
        protected int outputCount() {
            return 1;
        }

        @Override
        public List<long[]> outputShapes(INDArray[] in) {
            long[] g = iArgs();
            long h = (in[0].size(2) + 2 * g[2] - g[0]) / g[1] + 1;
            long w = (in[0].size(3) + 2 * g[2] - g[0]) / g[1] + 1;
            return List.of(new long[] {in[0].size(0), in[1].size(3), h, w});
        }

        @Override
        public Runnable bind(INDArray[] in, INDArray[] out) {
            long[] g = iArgs();
            DynamicCustomOp conv = DynamicCustomOp.builder("conv2d").addInputs(in[0], in[1]).addOutputs(out[0])
                    .addIntegerArguments(ints(g[0], g[0], g[1], g[1], g[2], g[2], 1, 1, 0, 0, 0)).build();
            return prepared(conv);
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradients) {
            SDVariable grad = gradients.get(0);
            SDVariable x = arg(0);
            long[] g = iArgs();
            int[] geometry = {(int) g[0], (int) g[1], (int) g[2]};
            SDVariable dx = new Scatter(sameDiff, grad, arg(1), geometry, g[3], g[4]).outputVariable();
            SDVariable dw = new Correlation(sameDiff, x, grad, geometry).outputVariable();
            return List.of(dx, dw);
        }
    }
}
