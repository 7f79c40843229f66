package org.gan4j.dl4j.internal.stylegan;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The minibatch standard deviation layer (Karras et al., "Progressive Growing of GANs", ICLR 2018, section 3;
 * NVlabs/stylegan2-ada-pytorch {@code MinibatchStdLayer} with one extra channel): the batch of n = G·M samples is
 * split into G groups by index (sample g·M + m is member g of group m); for each group m
 * <pre>
 *   σ_m = mean_{c,h,w} √(mean_g (x_{g,m} − x̄_m)² + 1e-8)
 * </pre>
 * is appended to every sample of the group as a constant extra map. {@link #backward} is its gradient with respect
 * to x, as ordinary ops (R1 differentiates it again):
 * ∂σ_m/∂x_{g,m,c,h,w} = (x_{g,m} − x̄_m)_{c,h,w} / (G·C·H·W·√(v_m + 1e-8)_{c,h,w}).
 */
final class MinibatchStd {
    private final StyleOps ops;
    private final long groups;
    private final long members;
    private final long channels;
    private final long size;
    private SDVariable centred;
    private SDVariable deviation;

    /**
     * @param ops      the graph's pieces
     * @param batch    n
     * @param group    the group size G (at most n; n must be a multiple of it)
     * @param channels C
     * @param size     H = W
     */
    MinibatchStd(StyleOps ops, long batch, long group, long channels, long size) {
        this.ops = ops;
        this.groups = Math.min(group, batch);
        if (batch % groups != 0) {
            throw new IllegalArgumentException("the batch (" + batch + ") must be a multiple of the minibatch"
                    + " standard deviation group size (" + groups + ")");
        }
        this.members = batch / groups;
        this.channels = channels;
        this.size = size;
    }

    /**
     * @param x the maps [n, C, H, W]
     * @return the maps and the deviation map, [n, C + 1, H, W]
     */
    SDVariable forward(SDVariable x) {
        SDVariable y = x.reshape(groups, members, channels, size, size);
        centred = y.sub(y.mean(true, 0));
        deviation = ops.graph().math.sqrt(ops.graph().math.square(centred).mean(false, 0).add(StyleOps.EPSILON));
        SDVariable perGroup = deviation.mean(false, 1, 2, 3).reshape(1, members, 1, 1, 1);
        SDVariable ones = ops.graph().constant(Nd4j.ones(ops.type(), groups, members, 1, size, size));
        SDVariable map = ones.mul(perGroup).reshape(groups * members, 1, size, size);
        return ops.graph().concat(1, x, map);
    }

    /**
     * @param g ∂L/∂output, [n, C + 1, H, W]
     * @return ∂L/∂x, [n, C, H, W]
     */
    SDVariable backward(SDVariable g) {
        SDVariable direct = g.get(SDIndex.all(), SDIndex.interval(0L, channels), SDIndex.all(), SDIndex.all());
        SDVariable gMap = g.get(SDIndex.all(), SDIndex.interval(channels, channels + 1), SDIndex.all(), SDIndex.all());
        SDVariable gGroup = gMap.reshape(groups, members, size * size).sum(false, 0, 2)
                .div(groups * channels * size * size).reshape(1, members, 1, 1, 1);
        SDVariable through = centred.div(deviation.reshape(1, members, channels, size, size)).mul(gGroup);
        return direct.add(through.reshape(groups * members, channels, size, size));
    }
}
