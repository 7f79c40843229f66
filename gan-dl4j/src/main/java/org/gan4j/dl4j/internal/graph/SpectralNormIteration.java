package org.gan4j.dl4j.internal.graph;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The power iteration of one spectrally normalized weight (Miyato et al., "Spectral Normalization for Generative
 * Adversarial Networks", ICLR 2018, Algorithm 1), run outside the gradient before each training step of the network,
 * as {@code torch.nn.utils.spectral_norm} does in its forward pre-hook:
 * <pre>
 *   v ← Wᵀu / max(‖Wᵀu‖, ε),   u ← W v / max(‖W v‖, ε),   ε = 1e-12 (torch's F.normalize)
 * </pre>
 * with W the weight seen as the matrix [outputs, everything else]. Here the weight is held as its transpose
 * M = Wᵀ [rest, outputs] (dense weights are stored [in, out], convolution kernels [kH, kW, in, out]), so
 * v = M u and u = Mᵀ v; the graph then computes σ = vᵀ M u = uᵀ W v with u and v as constants.
 *
 * @param weight  the layer's weight array, read as it is before the step's update
 * @param outAxis the weight's axis of output units or channels
 * @param u       the left singular vector estimate [1, outputs], updated in place
 * @param v       the right singular vector estimate [rest, 1], updated in place
 */
public record SpectralNormIteration(INDArray weight, int outAxis, INDArray u, INDArray v) {
    /** torch.nn.functional.normalize's default ε. */
    static final double EPSILON = 1e-12;

    /** Runs one power iteration, updating u and v in place. */
    public void iterate() {
        INDArray m = matrix();
        INDArray vNew = m.mmul(u.reshape(u.length(), 1));
        v.assign(vNew.divi(Math.max(vNew.norm2Number().doubleValue(), EPSILON)));
        INDArray uNew = v.transpose().mmul(m);
        u.assign(uNew.divi(Math.max(uNew.norm2Number().doubleValue(), EPSILON)));
    }

    /**
     * @return W/σ with σ = vᵀ M u from the current u and v, as the graph computes it (the weight an inference graph
     *         uses), in the weight's own shape and type
     */
    public INDArray normalizedWeight() {
        double sigma = matrix().mul(v).muli(u).sumNumber().doubleValue();
        return weight.mul(1.0 / sigma);
    }

    /** @return M = Wᵀ as [rest, outputs] */
    INDArray matrix() {
        int rank = weight.rank();
        long outputs = weight.size(outAxis);
        INDArray w = weight;
        if (outAxis != rank - 1) {
            w = weight.permute(outputsLast(rank, outAxis)).dup('c');
        }
        return w.reshape('c', weight.length() / outputs, outputs);
    }

    /**
     * @param rank    a weight's rank
     * @param outAxis its axis of outputs
     * @return the permutation that moves that axis last, keeping the others in order
     */
    public static int[] outputsLast(int rank, int outAxis) {
        int[] order = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != outAxis) {
                order[j++] = i;
            }
        }
        order[rank - 1] = outAxis;
        return order;
    }
}
