package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * Instance normalization (Ulyanov, Vedaldi and Lempitsky, "Instance Normalization: The Missing Ingredient for Fast
 * Stylization", 2016): each channel of each sample is normalized over its own spatial positions,
 * y = (x − μ_{n,c}) / √(σ²_{n,c} + ε), then, when affine, scaled and shifted by a learned γ_c and β_c. The same
 * computation in training and inference (no running statistics), so results do not depend on the batch. The
 * CycleGAN networks use it without the affine part (PyTorch's {@code InstanceNorm2d} defaults).
 *
 * @param epsilon added to the variance, default 1e-5
 * @param affine  whether a learned γ and β per channel follow, default false
 *
 * @since 0.1.0
 */
public record InstanceNorm(double epsilon, boolean affine) implements LayerSpec {
    /** PyTorch's {@code InstanceNorm2d} defaults: ε = 1e-5, no affine part. */
    public static final InstanceNorm DEFAULT = new InstanceNorm(1e-5, false);

    /**
     * Validates the components.
     *
     * @param epsilon added to the variance
     * @param affine  whether a learned γ and β per channel follow
     */
    public InstanceNorm {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0 but was " + epsilon);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        LayerSpec.requireRank(this, input, 3, "[channels, height, width]");
        return input;
    }

    @Override
    public String toString() {
        return "instanceNorm(eps=" + epsilon + (affine ? ", affine" : "") + ")";
    }
}
