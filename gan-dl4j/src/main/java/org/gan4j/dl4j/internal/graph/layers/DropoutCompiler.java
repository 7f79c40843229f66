package org.gan4j.dl4j.internal.graph.layers;

import java.util.Optional;
import org.gan4j.Shape;
import org.gan4j.layer.Dropout;
import org.nd4j.autodiff.samediff.SDVariable;

/** Inverted dropout: x·m/keep with m ~ Bernoulli(keep) in training graphs, identity in inference; input gradient g·mask. */
final class DropoutCompiler implements LayerCompiler<Dropout> {
    @Override
    public Forward forward(CompileContext c, Dropout d, String key, SDVariable x, Shape in) {
        if (!c.training() || d.rate() == 0) {
            return Forward.of(x);
        }
        double keep = 1 - d.rate();
        SDVariable mask = c.graph().random.bernoulli(keep, c.dataType(), in.withBatch(c.batch())).mul(1 / keep);
        return new Forward(x.mul(mask), null, mask);
    }

    @Override
    public SDVariable inputGradient(CompileContext c, Dropout layer, Trace t, SDVariable g) {
        return t.forward().mask() == null ? g : g.mul(t.forward().mask());
    }

    @Override
    public Optional<String> inputGradientProblem(Dropout layer, Shape in, String network) {
        return Optional.empty();
    }
}
