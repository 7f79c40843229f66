package org.gan4j.dl4j.internal.graph.layers;

import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.layer.InstanceNorm;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Instance normalization (Ulyanov, Vedaldi and Lempitsky, 2016): y = (x − μ)/√(σ² + ε) per sample and channel over
 * the spatial positions, then an optional per-channel affine map.
 */
final class InstanceNormCompiler implements LayerCompiler<InstanceNorm> {
    @Override
    public Forward forward(CompileContext c, InstanceNorm norm, String key, SDVariable x, Shape in) {
        SameDiff sd = c.graph();
        SDVariable centred = x.sub(x.mean(true, 2, 3));
        SDVariable variance = centred.mul(centred).mean(true, 2, 3);
        // a division by the standard deviation: its gradient is far faster than a broadcast multiplication's
        SDVariable y = centred.div(sd.math.sqrt(variance.add(norm.epsilon())));
        if (!norm.affine()) {
            return Forward.of(y);
        }
        long[] statShape = {1, in.dim(0), 1, 1};
        return Forward.of(ChannelAffine.apply(sd, y, c.params().parameter(key + "/gamma", ParameterInit.constant(1), statShape),
                c.params().parameter(key + "/beta", ParameterInit.constant(0), statShape), in.dim(0), 3));
    }
}
