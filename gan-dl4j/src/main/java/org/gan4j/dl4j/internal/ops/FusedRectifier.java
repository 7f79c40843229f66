package org.gan4j.dl4j.internal.ops;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;

/**
 * ReLU (α = 0) or leaky ReLU: outputs y = x·s and the slope s = 1 where x &gt; 0, else α (at 0: α, as PyTorch).
 * The gradient is ∂L/∂x = ∂L/∂y·s, one multiplication; a critic's input gradient reuses s. Three or four passes
 * of simple native loops (one Java pass for float arrays): libnd4j's own lrelu takes 4.3 ms forward and lrelu_bp
 * 7.4 ms on a [64, 64, 14, 14] batch, these 0.3-0.5 ms and 0.15 ms.
 */
public final class FusedRectifier extends FusedOp {
    static {
        register(new FusedRectifier());
    }

    /** For SameDiff's graph copies. */
    public FusedRectifier() {
    }

    /**
     * @param sd    the graph
     * @param x     the input
     * @param alpha the slope for x ≤ 0 (0 for ReLU)
     */
    public FusedRectifier(SameDiff sd, SDVariable x, double alpha) {
        super(sd, new SDVariable[] {x});
        addTArgument(alpha);
    }

    @Override
    public String opName() {
        return "gan4j_rectifier";
    }

    @Override
    protected int outputCount() {
        return 2;
    }

    @Override
    public List<long[]> outputShapes(INDArray[] in) {
        return List.of(in[0].shape(), in[0].shape());
    }

    @Override
    public Runnable bind(INDArray[] in, INDArray[] out) {
        double alpha = tArgs()[0];
        INDArray x = in[0];
        INDArray y = out[0];
        INDArray slope = out[1];
        if (floatContiguous(x, y, slope)) {
            return new Pass(NativeFloats.of(x), NativeFloats.of(y), NativeFloats.of(slope), (float) alpha);
        }
        Step step = new Step(x, slope, 0.0);
        MulOp product = new MulOp(x, slope, y);
        if (alpha == 0) {
            return prepared(step, product);
        }
        ScalarMultiplication scale = new ScalarMultiplication(slope, null, slope, 1 - alpha);
        ScalarAdd shift = new ScalarAdd(slope, null, slope, alpha);
        return prepared(step, scale, shift, product);
    }

    /**
     * The float pass: chunks of x copied into a Java array, where s = step + α(1 − step) with
     * step = min(max(x·2¹²⁷·2¹²⁷, 0), 1) (1 for every x &gt; 0, subnormals included; 0 for x ≤ 0) and y = x·s are
     * vectorised by the JIT (a conditional per value is not, and mispredicts on random signs); the two halves of the
     * values run on two threads when ND4J has more than one.
     */
    private static final class Pass implements Runnable {
        private static final int CHUNK = 4096;
        private static final float HUGE = 0x1p127f;
        private final NativeFloats x;
        private final NativeFloats y;
        private final NativeFloats slope;
        private final float alpha;
        /** Per half of the values: the chunk's values and slopes, allocated on first use. */
        private final float[][][] chunks = new float[2][][];

        Pass(NativeFloats x, NativeFloats y, NativeFloats slope, float alpha) {
            this.x = x;
            this.y = y;
            this.slope = slope;
            this.alpha = alpha;
        }

        @Override
        public void run() {
            int n = x.length();
            Halves.run(n, CHUNK, this::values);
        }

        private void values(int from, int to, int part) {
            if (chunks[part] == null) {
                chunks[part] = new float[2][CHUNK];
            }
            float[] v = chunks[part][0];
            float[] s = chunks[part][1];
            float a = alpha;
            for (int start = from; start < to; start += CHUNK) {
                int len = Math.min(CHUNK, to - start);
                x.buffer().get(x.offset() + start, v, 0, len);
                for (int i = 0; i < len; i++) {
                    float step = Math.min(Math.max(v[i] * HUGE * HUGE, 0f), 1f);
                    float si = step + a * (1f - step);
                    s[i] = si;
                    v[i] *= si;
                }
                slope.buffer().put(slope.offset() + start, s, 0, len);
                y.buffer().put(y.offset() + start, v, 0, len);
            }
        }
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        // the slope is piecewise constant in x: its own gradient contributes nothing
        return List.of(gradients.get(0).mul(outputVariables()[1]));
    }
}
