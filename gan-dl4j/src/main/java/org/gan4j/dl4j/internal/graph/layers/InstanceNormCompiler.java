package org.gan4j.dl4j.internal.graph.layers;

import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.layer.InstanceNorm;
import org.nd4j.autodiff.samediff.SDVariable;
import org.gan4j.dl4j.internal.ops.FusedBatchNorm;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Instance normalization (Ulyanov, Vedaldi and Lempitsky, 2016): y = (x − μ)/√(σ² + ε) per sample and channel over
 * the spatial positions, then an optional per-channel affine map. In fused training graphs it is batch norm over the
 * batch seen as one sample of N·C channels ([N, C, H, W] → [1, N·C, H, W]; {@link FusedBatchNorm}, γ = 1, β = 0):
 * one forward and one backward op instead of about ten basic ops and their gradients.
 */
final class InstanceNormCompiler implements LayerCompiler<InstanceNorm> {
    @Override
    public Forward forward(CompileContext c, InstanceNorm norm, String key, SDVariable x, Shape in) {
        SameDiff sd = c.graph();
        if (c.fusedTraining()) {
            return affine(c, norm, key, fused(c, norm, x, in), in);
        }
        SDVariable centred = x.sub(x.mean(true, 2, 3));
        SDVariable variance = centred.mul(centred).mean(true, 2, 3);
        // a division by the standard deviation: its gradient is far faster than a broadcast multiplication's
        return affine(c, norm, key, centred.div(sd.math.sqrt(variance.add(norm.epsilon()))), in);
    }

    private static SDVariable fused(CompileContext c, InstanceNorm norm, SDVariable x, Shape in) {
        SameDiff sd = c.graph();
        long planes = c.batch() * in.dim(0);
        SDVariable flat = x.reshape(1, planes, in.dim(1), in.dim(2));
        SDVariable ones = sd.constant(Nd4j.ones(c.dataType(), 1, planes, 1, 1));
        SDVariable zeros = sd.constant(Nd4j.zeros(c.dataType(), 1, planes, 1, 1));
        SDVariable y = new FusedBatchNorm(sd, flat, ones, zeros, norm.epsilon()).outputVariables()[0];
        return y.reshape(c.batch(), in.dim(0), in.dim(1), in.dim(2));
    }

    private static Forward affine(CompileContext c, InstanceNorm norm, String key, SDVariable y, Shape in) {
        if (!norm.affine()) {
            return Forward.of(y);
        }
        SameDiff sd = c.graph();
        long[] statShape = {1, in.dim(0), 1, 1};
        return Forward.of(ChannelAffine.apply(sd, y, c.params().parameter(key + "/gamma", ParameterInit.constant(1), statShape),
                c.params().parameter(key + "/beta", ParameterInit.constant(0), statShape), in.dim(0), 3));
    }
}
