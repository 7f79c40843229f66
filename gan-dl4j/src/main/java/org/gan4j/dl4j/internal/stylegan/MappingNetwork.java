package org.gan4j.dl4j.internal.stylegan;

import org.gan4j.zoo.StyleGan2;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The StyleGAN mapping network f: z ↦ w (Karras, Laine and Aila, "A Style-Based Generator Architecture for GANs",
 * CVPR 2019, section 2; NVlabs/stylegan2-ada-pytorch {@code MappingNetwork}):
 * <pre>
 *   x₀ = z·rsqrt(mean(z²) + 1e-8)                          (normalize_2nd_moment)
 *   x_{l+1} = lrelu(x_l·W_l·lr_mul/√fan_in + b_l·lr_mul)·√2   (l = 0 … L−1; leaky ReLU 0.2)
 * </pre>
 * with the weights stored as N(0, 1)/lr_mul draws and lr_mul = 0.01 by default, so the mapping learns 100× slower
 * than the synthesis network. Weights [fan_in, dim(w)] named {@code G/map<l>/W}, biases {@code G/map<l>/b}.
 */
final class MappingNetwork {
    private MappingNetwork() {
    }

    /**
     * @param arch the architecture
     * @param ops  the generator's pieces in this graph
     * @param z    latent vectors [b, dim(z)]
     * @return w [b, dim(w)]
     */
    static SDVariable forward(StyleGan2 arch, StyleOps ops, SDVariable z) {
        double lrMul = arch.mappingLearningRateMultiplier();
        SDVariable x = z.mul(ops.graph().math.rsqrt(ops.graph().math.square(z).mean(true, 1).add(StyleOps.EPSILON)));
        long in = arch.latentSize();
        for (int l = 0; l < arch.mappingLayers(); l++) {
            SDVariable w = ops.weight("G/map" + l + "/W", lrMul, in, in, arch.wSize());
            SDVariable b = ops.bias("G/map" + l + "/b", 0, lrMul, arch.wSize());
            x = ops.lrelu(x.mmul(w).add(b), StyleOps.SQRT2);
            in = arch.wSize();
        }
        return x;
    }
}
