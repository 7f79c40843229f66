package org.gan4j.dl4j.internal.graph.layers;

import org.gan4j.dl4j.internal.graph.GraphParameters;
import org.gan4j.dl4j.internal.graph.SpectralNormIteration;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spectral normalization of a layer's weight inside the graph (Miyato et al., ICLR 2018): W_SN = W/σ with
 * σ = uᵀ W v, the gradient flowing through σ to W while u and v are constants (graph variables nobody trains,
 * refreshed before each training step by {@link SpectralNormIteration}), as in {@code torch.nn.utils.spectral_norm}.
 * Inference graphs use the stored u and v as they are.
 */
final class SpectralNormCompiler {
    private SpectralNormCompiler() {
    }

    /**
     * @param c       the compilation
     * @param key     the layer's key (u and v are stored as key/sn_u, key/sn_v)
     * @param w       the raw weight variable
     * @param shape   its shape
     * @param outAxis its axis of output units or channels
     * @return W/σ, of the same shape
     */
    static SDVariable normalize(CompileContext c, String key, SDVariable w, long[] shape, int outAxis) {
        long outputs = shape[outAxis];
        long rest = 1;
        for (long d : shape) {
            rest *= d;
        }
        rest /= outputs;
        GraphParameters params = c.params();
        INDArray u = params.store().unitState(key + "/sn_u", 1, outputs);
        INDArray v = params.store().unitState(key + "/sn_v", rest, 1);
        params.store().registerPowerIteration(key, new SpectralNormIteration(
                params.store().parameters().get(key + "/W"), outAxis, u, v));
        SameDiff sd = c.graph();
        SDVariable m = w;
        if (outAxis != shape.length - 1) {
            m = sd.permute(w, SpectralNormIteration.outputsLast(shape.length, outAxis));
        }
        m = sd.reshape(m, rest, outputs);
        // σ = Σᵢⱼ Mᵢⱼ vᵢ uⱼ elementwise: through matmul, a dense layer of one unit fails (matmul_bp on [1, 1] operands)
        SDVariable sigma = m.mul(params.state(key + "/sn_v", 0, rest, 1)).mul(params.state(key + "/sn_u", 0, 1, outputs)).sum();
        // W·(1/σ), not W.div(σ): SameDiff M2.1's gradient of a division by a broadcast scalar is wrong
        return w.mul(sd.math.reciprocal(sigma));
    }
}
