package org.gan4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable image-to-image network specification: maps an image of one domain [c, h, w] to an image of another
 * [c', h', w'], as the two generators of a CycleGAN do (G: X → Y and F: Y → X). Built with {@link #builder()}; the
 * output shape is inferred layer by layer and must be an image.
 *
 * <pre>{@code
 * Translator g = Translator.builder()
 *     .input(1, 28, 28)
 *     .conv2d(32, 7, 1, 3).instanceNorm().relu()
 *     .conv2d(64, 3, 2, 1).instanceNorm().relu()
 *     .residualBlock(64).residualBlock(64)
 *     .deconv2d(32, 4, 2, 1).instanceNorm().relu()
 *     .conv2d(1, 7, 1, 3).tanh()
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Translator {
    private final Shape inputShape;
    private final NetworkBody body;
    private final Shape outputShape;
    private final ParameterInit weightInit;

    private Translator(Shape inputShape, NetworkBody body, Shape outputShape, ParameterInit weightInit) {
        this.inputShape = inputShape;
        this.body = body;
        this.outputShape = outputShape;
        this.weightInit = weightInit;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the shape of one input image [c, h, w] */
    public Shape inputShape() {
        return inputShape;
    }

    /** @return the shape of one output image [c', h', w'] */
    public Shape outputShape() {
        return outputShape;
    }

    /** @return the layers or custom graph */
    public NetworkBody body() {
        return body;
    }

    /** @return how weights are initialised */
    public ParameterInit weightInit() {
        return weightInit;
    }

    @Override
    public String toString() {
        return "Translator(input=" + inputShape + ", " + Generator.describe(body) + ", output=" + outputShape + ")";
    }

    /** Fluent builder of {@link Translator}. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private Shape inputShape;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param dims the shape of one input image, e.g. {@code 1, 28, 28}
         * @return this builder
         */
        public Builder input(long... dims) {
            return input(Shape.of(dims));
        }

        /**
         * @param shape the shape of one input image [c, h, w]
         * @return this builder
         * @throws IllegalArgumentException if the shape is not an image
         */
        public Builder input(Shape shape) {
            Objects.requireNonNull(shape, "input == null");
            if (shape.rank() != 3) {
                throw new IllegalArgumentException("input must be an image [channels, height, width] but was " + shape);
            }
            this.inputShape = shape;
            return this;
        }

        /**
         * @return the translator
         * @throws IllegalStateException    listing every missing setting
         * @throws IllegalArgumentException naming the layer whose input shape does not fit, or when the output is not
         *                                  an image
         */
        public Translator build() {
            List<String> missing = new ArrayList<>();
            if (inputShape == null) {
                missing.add("input");
            }
            NetworkBody body = body("translator", missing);
            failIfMissing("translator", missing);
            Shape out = outputShape("translator", body, inputShape);
            if (out.rank() != 3) {
                throw new IllegalArgumentException("translator output must be an image [channels, height, width] but was " + out);
            }
            return new Translator(inputShape, body, out, weightInit());
        }
    }
}
