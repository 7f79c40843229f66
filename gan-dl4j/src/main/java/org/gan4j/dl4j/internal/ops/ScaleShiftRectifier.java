package org.gan4j.dl4j.internal.ops;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * Batch norm at inference with the rectifier after it, in one pass: v = x[n, c, …]·s[c] + t[c], y = max(v, α·v)
 * (α = 0: ReLU; 0 &lt; α &lt; 1: leaky ReLU; α = 1: the affine map alone), for x [N, C] or [N, C, H, W] and s, t of
 * C values in any shape. With running statistics μ, σ², s = γ/√(σ² + ε) and t = β − μ·s (Ioffe and Szegedy,
 * "Batch Normalization", ICML 2015, Algorithm 2, step 11). Each sample's values are copied into a Java array, where
 * the JIT vectorises the pass; with more than one ND4J thread the samples go in two halves, one on the common
 * fork-join pool. On one thread, libnd4j's broadcast multiply, add and relu took 6.4 + 6.4 + 4.0 ms on
 * [500, 64, 14, 14], this pass 8.5 ms. Inference only: it has no gradient.
 */
public final class ScaleShiftRectifier extends FusedOp {
    static {
        register(new ScaleShiftRectifier());
    }

    /** For SameDiff's graph copies. */
    public ScaleShiftRectifier() {
    }

    /**
     * @param sd    the graph
     * @param x     the input, [N, C] or [N, C, H, W]
     * @param scale s, C values
     * @param shift t, C values
     * @param alpha the rectifier's slope for v ≤ 0, in [0, 1] (1: none)
     */
    public ScaleShiftRectifier(SameDiff sd, SDVariable x, SDVariable scale, SDVariable shift, double alpha) {
        super(sd, new SDVariable[] {x, scale, shift});
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1] but was " + alpha);
        }
        addTArgument(alpha);
    }

    @Override
    public String opName() {
        return "gan4j_scale_shift_rectifier";
    }

    @Override
    protected int outputCount() {
        return 1;
    }

    @Override
    public List<long[]> outputShapes(INDArray[] in) {
        checkShapes(in);
        return List.of(in[0].shape());
    }

    @Override
    public Runnable bind(INDArray[] in, INDArray[] out) {
        checkShapes(in);
        double alpha = tArgs()[0];
        if (floatContiguous(in[0], in[1], in[2], out[0])) {
            return new Pass(in[0], in[1], in[2], out[0], (float) alpha);
        }
        INDArray y = out[0];
        long[] channelShape = new long[y.rank()];
        Arrays.fill(channelShape, 1);
        channelShape[1] = y.size(1);
        DynamicCustomOp scale = DynamicCustomOp.builder("multiply")
                .addInputs(in[0], in[1].reshape(channelShape)).addOutputs(y).build();
        DynamicCustomOp shift = DynamicCustomOp.builder("add")
                .addInputs(y, in[2].reshape(channelShape)).addOutputs(y).build();
        if (alpha == 1) {
            return prepared(scale, shift);
        }
        DynamicCustomOp rectify = alpha == 0
                ? DynamicCustomOp.builder("relu").addInputs(y).addOutputs(y).addFloatingPointArguments(0.0).build()
                : DynamicCustomOp.builder("lrelu").addInputs(y).addOutputs(y).addFloatingPointArguments(alpha).build();
        return prepared(scale, shift, rectify);
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        throw new UnsupportedOperationException(opName() + " is an inference op: it has no gradient");
    }

    private void checkShapes(INDArray[] in) {
        INDArray x = in[0];
        if ((x.rank() != 2 && x.rank() != 4) || in[1].length() != x.size(1) || in[2].length() != x.size(1)) {
            throw new IllegalArgumentException(opName() + " needs x [N, C] or [N, C, H, W] and C scales and shifts but got "
                    + Arrays.toString(x.shape()) + ", " + Arrays.toString(in[1].shape()) + " and "
                    + Arrays.toString(in[2].shape()));
        }
    }

    /** The float pass, sample by sample. */
    private static final class Pass implements Runnable {
        private final NativeFloats x;
        private final NativeFloats scale;
        private final NativeFloats shift;
        private final NativeFloats y;
        private final int batch;
        private final int channels;
        private final int spatial;
        private final float alpha;
        private final float[] s;
        private final float[] t;
        /** Per half of the samples: one sample's values, allocated on first use. */
        private final float[][] sampleValues = new float[2][];

        Pass(INDArray x, INDArray scale, INDArray shift, INDArray y, float alpha) {
            this.x = NativeFloats.of(x);
            this.scale = NativeFloats.of(scale);
            this.shift = NativeFloats.of(shift);
            this.y = NativeFloats.of(y);
            this.batch = Math.toIntExact(x.size(0));
            this.channels = Math.toIntExact(x.size(1));
            this.spatial = Math.toIntExact(x.length() / batch / channels);
            this.alpha = alpha;
            this.s = new float[channels];
            this.t = new float[channels];
        }

        @Override
        public void run() {
            scale.read(s);
            shift.read(t);
            Halves.run(batch, 1, this::samples);
        }

        private void samples(int from, int to, int part) {
            int block = channels * spatial;
            if (sampleValues[part] == null) {
                sampleValues[part] = new float[block];
            }
            float[] v = sampleValues[part];
            FloatBuffer in = x.buffer();
            FloatBuffer out = y.buffer();
            for (int n = from; n < to; n++) {
                in.get(x.offset() + n * block, v, 0, block);
                if (spatial == 1) {
                    affineRow(v);
                } else {
                    affineMaps(v);
                }
                rectify(v);
                out.put(y.offset() + n * block, v, 0, block);
            }
        }

        private void affineRow(float[] v) {
            for (int c = 0; c < channels; c++) {
                v[c] = v[c] * s[c] + t[c];
            }
        }

        private void affineMaps(float[] v) {
            for (int c = 0; c < channels; c++) {
                float sc = s[c];
                float tc = t[c];
                int end = (c + 1) * spatial;
                for (int i = c * spatial; i < end; i++) {
                    v[i] = v[i] * sc + tc;
                }
            }
        }

        private void rectify(float[] v) {
            if (alpha == 0) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(v[i], 0f);
                }
            } else if (alpha < 1) {
                float a = alpha;
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(v[i], a * v[i]);
                }
            }
        }
    }
}
