package org.gan4j.dl4j.internal.graph.layers;

import java.util.Optional;
import org.gan4j.Shape;
import org.gan4j.layer.LayerSpec;
import org.nd4j.autodiff.samediff.SDVariable;

/** Reshape and flatten: the output shape of the layer spec; input gradient g reshaped back. */
final class ReshapeCompiler implements LayerCompiler<LayerSpec> {
    @Override
    public Forward forward(CompileContext c, LayerSpec layer, String key, SDVariable x, Shape in) {
        return Forward.of(x.reshape(layer.outputShape(in).withBatch(-1)));
    }

    @Override
    public SDVariable inputGradient(CompileContext c, LayerSpec layer, Trace t, SDVariable g) {
        return g.reshape(t.inputShape().withBatch(-1));
    }

    @Override
    public Optional<String> inputGradientProblem(LayerSpec layer, Shape in, String network) {
        return Optional.empty();
    }
}
