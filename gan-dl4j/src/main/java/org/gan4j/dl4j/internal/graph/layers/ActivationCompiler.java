package org.gan4j.dl4j.internal.graph.layers;

import java.util.Optional;
import org.gan4j.Activation;
import org.gan4j.Shape;
import org.gan4j.dl4j.internal.ops.FusedRectifier;
import org.gan4j.dl4j.internal.ops.RationalTanh;
import org.gan4j.layer.ActivationLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Activations. ReLU and leaky ReLU are a {@link FusedRectifier} in fused training graphs, and x times their slope on
 * large batches otherwise (SameDiff M2.1's relu and lrelu gradients are 4–5× slower than these ops together; the
 * derivative is the same, at 0: 0 or α as in PyTorch). Input gradient: g times the slope, or 1 − y² for tanh and
 * y(1 − y) for the sigmoid. tanh in inference graphs of fused ops is {@link RationalTanh}.
 */
public final class ActivationCompiler implements LayerCompiler<ActivationLayer> {
    /** Batch elements from which ReLU and leaky ReLU are built as masks (measured break-even: 32k to 64k). */
    public static final long MASKED_ACTIVATION_ELEMENTS = 65_536;

    @Override
    public Forward forward(CompileContext c, ActivationLayer layer, String key, SDVariable x, Shape in) {
        Activation a = layer.activation();
        if (c.fusedTraining() && (a.kind() == Activation.Kind.RELU || a.kind() == Activation.Kind.LEAKY_RELU)) {
            double alpha = a.kind() == Activation.Kind.RELU ? 0 : a.alpha();
            SDVariable[] fused = new FusedRectifier(c.graph(), x, alpha).outputVariables();
            return new Forward(fused[0], null, fused[1]);
        }
        if (!c.training() && c.fused() && a.kind() == Activation.Kind.TANH) {
            return Forward.of(new RationalTanh(c.graph(), x).outputVariable());
        }
        SDVariable slope = maskedSlope(a, x, c.training() ? c.batch() * in.size() : 0);
        return new Forward(slope != null ? x.mul(slope) : activation(c.graph(), a, x, 0), null, slope);
    }

    @Override
    public SDVariable inputGradient(CompileContext c, ActivationLayer layer, Trace t, SDVariable g) {
        if (t.forward().mask() != null) {
            return g.mul(t.forward().mask());
        }
        Activation a = layer.activation();
        SDVariable x = t.input();
        SDVariable y = t.forward().output();
        return switch (a.kind()) {
            case RELU -> g.mul(x.gt(0.0).castTo(c.dataType()));
            case LEAKY_RELU -> g.mul(x.gt(0.0).castTo(c.dataType()).mul(1 - a.alpha()).add(a.alpha()));
            case TANH -> g.mul(y.mul(y).rsub(1.0));
            case SIGMOID -> g.mul(y.mul(y.rsub(1.0)));
            case IDENTITY -> g;
        };
    }

    @Override
    public Optional<String> inputGradientProblem(ActivationLayer layer, Shape in, String network) {
        return Optional.empty();
    }

    /**
     * @return the slope of ReLU (0/1) or leaky ReLU (α/1) at x for batches of {@value #MASKED_ACTIVATION_ELEMENTS}
     *         values and more, else null
     */
    private static SDVariable maskedSlope(Activation activation, SDVariable x, long elements) {
        if (elements < MASKED_ACTIVATION_ELEMENTS) {
            return null;
        }
        return switch (activation.kind()) {
            case RELU -> x.gt(0.0).castTo(x.dataType());
            case LEAKY_RELU -> x.gt(0.0).castTo(x.dataType()).mul(1 - activation.alpha()).add(activation.alpha());
            default -> null;
        };
    }

    /**
     * @param sd         the graph
     * @param activation the function
     * @param x          its input
     * @param elements   the number of values in a batch of x (0 when unknown)
     * @return the activation applied to x
     */
    public static SDVariable activation(SameDiff sd, Activation activation, SDVariable x, long elements) {
        SDVariable slope = maskedSlope(activation, x, elements);
        if (slope != null) {
            return x.mul(slope);
        }
        return switch (activation.kind()) {
            case RELU -> sd.nn.relu(x, 0);
            case LEAKY_RELU -> sd.nn.leakyRelu(x, activation.alpha());
            case TANH -> sd.math.tanh(x);
            case SIGMOID -> sd.nn.sigmoid(x);
            case IDENTITY -> x;
        };
    }
}
