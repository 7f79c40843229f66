package org.gan4j.dl4j.internal.graph.layers;

import java.util.Optional;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.layer.Dense;
import org.nd4j.autodiff.samediff.SDVariable;

/** A dense layer, y = xW + b; input gradient g·Wᵀ. */
final class DenseCompiler implements LayerCompiler<Dense> {
    @Override
    public Forward forward(CompileContext c, Dense d, String key, SDVariable x, Shape in) {
        SDVariable w = c.params().parameter(key + "/W", c.weightInit(), in.dim(0), d.units());
        if (d.spectralNorm()) {
            w = SpectralNormCompiler.normalize(c, key, w, new long[] {in.dim(0), d.units()}, LayerCompilers.outputAxis(d));
        }
        SDVariable y = x.mmul(w);
        y = d.bias() ? y.add(c.params().parameter(key + "/b", ParameterInit.constant(0), d.units())) : y;
        return new Forward(y, w, null);
    }

    @Override
    public SDVariable inputGradient(CompileContext c, Dense layer, Trace t, SDVariable g) {
        return c.graph().mmul(g, t.forward().weight(), false, true, false);
    }

    @Override
    public Optional<String> inputGradientProblem(Dense layer, Shape in, String network) {
        return Optional.empty();
    }
}
