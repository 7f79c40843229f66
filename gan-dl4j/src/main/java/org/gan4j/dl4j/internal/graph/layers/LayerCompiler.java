package org.gan4j.dl4j.internal.graph.layers;

import java.util.Optional;
import org.gan4j.Shape;
import org.gan4j.layer.LayerSpec;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Compiles one kind of layer into SameDiff operations: its forward application (stock ops, or gan4j's fused ops
 * where the context's execution strategy allows them) and, for gradient penalties, the gradient of the output with
 * respect to the input written as forward operations (so that first-order automatic differentiation of a penalty is
 * exact; SameDiff M2.1 has no second-order gradients).
 *
 * @param <L> the layer type
 */
public interface LayerCompiler<L extends LayerSpec> {

    /**
     * @param c     the compilation
     * @param layer the layer
     * @param key   the prefix of its parameter names
     * @param x     its input
     * @param in    the shape of one input sample
     * @return its output and what its input gradient needs
     */
    Forward forward(CompileContext c, L layer, String key, SDVariable x, Shape in);

    /**
     * @param c     the compilation
     * @param layer the layer
     * @param t     its forward application
     * @param g     the gradient with respect to its output
     * @return the gradient with respect to its input
     */
    default SDVariable inputGradient(CompileContext c, L layer, Trace t, SDVariable g) {
        throw new UnsupportedOperationException("layer " + layer + " has no input gradient");
    }

    /**
     * @param layer   the layer
     * @param in      the shape of one input sample
     * @param network the network's role, for the message
     * @return why the layer has no per-sample input gradient (the end of a sentence that names the layer), if so
     */
    default Optional<String> inputGradientProblem(L layer, Shape in, String network) {
        return Optional.of("has no input gradient in gan4j's penalties yet, so a gradient penalty cannot be applied:"
                + " use a " + network + " of dense, convolution, dropout, reshape and activation layers");
    }

    /**
     * What a layer's forward application produced.
     *
     * @param output its output
     * @param weight the weight its input gradient reuses, or null
     * @param mask   the slope or dropout mask its input gradient reuses, or null
     */
    record Forward(SDVariable output, SDVariable weight, SDVariable mask) {
        /**
         * @param output the output
         * @return a forward application whose input gradient needs nothing else
         */
        public static Forward of(SDVariable output) {
            return new Forward(output, null, null);
        }
    }

    /**
     * A layer's forward application in a network, kept for its input gradient.
     *
     * @param index      the layer's position
     * @param layer      the layer
     * @param input      its input
     * @param inputShape the shape of one input sample
     * @param forward    what it produced
     */
    record Trace(int index, LayerSpec layer, SDVariable input, Shape inputShape, Forward forward) {
    }
}
