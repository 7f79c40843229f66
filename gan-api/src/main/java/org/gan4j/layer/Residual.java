package org.gan4j.layer;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.stream.Collectors;
import org.gan4j.Shape;

/**
 * A residual connection (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016): y = x + f(x), where f
 * is the given layer stack and must keep the shape of its input. CycleGAN's generators use blocks f = conv 3×3 → norm
 * → ReLU → conv 3×3 → norm ({@link #block(int)}).
 *
 * @param layers the layers of f, first to last, at least one
 *
 * @since 0.1.0
 */
public record Residual(List<LayerSpec> layers) implements LayerSpec {
    /**
     * Validates and copies the layers.
     *
     * @param layers the layers of f
     */
    public Residual {
        layers = ImmutableList.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers must hold at least one layer but was empty");
        }
    }

    /**
     * The residual block of Johnson et al.'s transformation network as CycleGAN uses it: conv 3×3 (padding 1, no bias) →
     * instance norm → ReLU → conv 3×3 (padding 1) → instance norm, each convolution with {@code channels} filters.
     *
     * @param channels the channels of the block's input and output
     * @return the block
     */
    public static Residual block(int channels) {
        LayerSpec.requirePositive("channels", channels);
        return new Residual(List.of(new Conv2d(channels, 3, 1, 1, false), InstanceNorm.DEFAULT,
                new ActivationLayer(org.gan4j.Activation.relu()), new Conv2d(channels, 3, 1, 1, false), InstanceNorm.DEFAULT));
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape shape = input;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("residual layer " + i + ": " + e.getMessage(), e);
            }
        }
        if (!shape.equals(input)) {
            throw new IllegalArgumentException(this + " must keep its input shape " + input + " but produces " + shape);
        }
        return input;
    }

    @Override
    public String toString() {
        return "residual" + layers.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
