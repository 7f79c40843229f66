package org.gan4j.dl4j.internal.graph.layers;

import org.gan4j.Shape;
import org.gan4j.layer.Residual;
import org.nd4j.autodiff.samediff.SDVariable;

/** A residual block, x + f(x) with f its nested layers (He et al., "Deep Residual Learning", CVPR 2016). */
final class ResidualCompiler implements LayerCompiler<Residual> {
    @Override
    public Forward forward(CompileContext c, Residual r, String key, SDVariable x, Shape in) {
        return Forward.of(x.add(c.nested().apply(r.layers(), key + "/", x, in)));
    }
}
