package org.gan4j.dl4j.internal.ops;

import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-map inner product y[n, c] = Σ_{h,w} a[n, c, h, w]·b[n, c, h, w]: the gradient of a {@link ChannelScale}
 * with respect to its scales. Its own gradient, for an upstream u [n, c], is ∂L/∂a = b·u and ∂L/∂b = a·u, two
 * {@link ChannelScale}s. One product into a buffer fixed at compile time and a row sum.
 */
public final class ChannelDot extends FusedOp {
    static {
        register(new ChannelDot());
    }

    /** For SameDiff's graph copies. */
    public ChannelDot() {
    }

    /**
     * @param sd the graph
     * @param a  maps [n, c, h, w]
     * @param b  maps of the same shape
     */
    public ChannelDot(SameDiff sd, SDVariable a, SDVariable b) {
        super(sd, new SDVariable[] {a, b});
    }

    @Override
    public String opName() {
        return "gan4j_channel_dot";
    }

    @Override
    protected int outputCount() {
        return 1;
    }

    @Override
    public List<long[]> outputShapes(INDArray[] in) {
        if (in[0].rank() != 4 || !Arrays.equals(in[0].shape(), in[1].shape())) {
            throw new IllegalArgumentException(opName() + " needs two [n, c, h, w] arrays of one shape but got "
                    + Arrays.toString(in[0].shape()) + " and " + Arrays.toString(in[1].shape()));
        }
        return List.of(new long[] {in[0].size(0), in[0].size(1)});
    }

    @Override
    public Runnable bind(INDArray[] in, INDArray[] out) {
        outputShapes(in);
        requireContiguous(opName(), in[0], in[1], out[0]);
        long rows = in[0].size(0) * in[0].size(1);
        long pixels = in[0].size(2) * in[0].size(3);
        INDArray product = Nd4j.create(in[0].dataType(), rows, pixels);
        MulOp multiply = new MulOp(in[0].reshape(rows, pixels), in[1].reshape(rows, pixels), product);
        Sum sum = new Sum(product, out[0].reshape(rows), 1);
        return prepared(multiply, sum);
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable u = gradients.get(0);
        return List.of(new ChannelScale(sameDiff, arg(1), u).outputVariable(),
                new ChannelScale(sameDiff, arg(0), u).outputVariable());
    }
}
