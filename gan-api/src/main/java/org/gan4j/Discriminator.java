package org.gan4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable discriminator (critic) specification: the network D that maps a sample to one unbounded score,
 * the logit. Losses apply the sigmoid themselves in a numerically stable form, so the network must not end in one.
 * Built with {@link #builder()}; output shapes are inferred layer by layer and the output must be {@code [1]}, or,
 * for a PatchGAN discriminator (Isola et al., "Image-to-Image Translation with Conditional Adversarial Networks",
 * CVPR 2017), {@code [1, h, w]}: one score per image patch, which losses average (used by
 * {@code CycleGanTrainer}).
 *
 * <pre>{@code
 * Discriminator d = Discriminator.builder()
 *     .input(1, 28, 28)
 *     .conv2d(64, 4, 2, 1).leakyRelu(0.2)
 *     .conv2d(128, 4, 2, 1).withoutBias().batchNorm().leakyRelu(0.2)
 *     .flatten().dense(1)
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Discriminator {
    private final Shape inputShape;
    private final NetworkBody body;
    private final ParameterInit weightInit;

    private final int classes;
    private final Shape outputShape;

    private Discriminator(Shape inputShape, NetworkBody body, ParameterInit weightInit, int classes, Shape outputShape) {
        this.classes = classes;
        this.outputShape = outputShape;
        this.inputShape = inputShape;
        this.body = body;
        this.weightInit = weightInit;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the shape of one input sample */
    public Shape inputShape() {
        return inputShape;
    }

    /** @return the layers or custom graph */
    public NetworkBody body() {
        return body;
    }

    /** @return the number of classes D is conditioned on, 0 for an unconditional discriminator */
    public int classes() {
        return classes;
    }

    /**
     * @return the shape the network body receives: the sample, joined with its one-hot class for a conditional
     *         discriminator (as {@code classes} constant planes after the channels of an image [c + classes, h, w],
     *         or appended to a vector [n + classes])
     */
    public Shape bodyInputShape() {
        return bodyInputShape(inputShape, classes);
    }

    private static Shape bodyInputShape(Shape input, int classes) {
        if (classes == 0) {
            return input;
        }
        long[] dims = input.dims();
        dims[0] += classes;
        return Shape.of(dims);
    }

    /** @return the output shape: {@code [1]}, or {@code [1, h, w]} for a patch discriminator */
    public Shape outputShape() {
        return outputShape;
    }

    /** @return whether D scores patches ({@code [1, h, w]}) rather than whole samples ({@code [1]}) */
    public boolean scoresPatches() {
        return outputShape.rank() == 3;
    }

    /** @return how weights are initialised */
    public ParameterInit weightInit() {
        return weightInit;
    }

    @Override
    public String toString() {
        return "Discriminator(input=" + inputShape + (classes == 0 ? "" : ", classes=" + classes) + ", "
                + Generator.describe(body) + ")";
    }

    /** Fluent builder of {@link Discriminator}. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private Shape inputShape;
        private int classes;

        private Builder() {
        }

        /**
         * Makes the discriminator conditional: it sees each sample with its one-hot class, as {@code classes}
         * constant planes after the channels of an image or appended to a vector.
         *
         * @param classes the number of classes, &gt;= 2
         * @return this builder
         */
        public Builder conditional(int classes) {
            if (classes < 2) {
                throw new IllegalArgumentException("classes must be >= 2 but was " + classes);
            }
            this.classes = classes;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param dims the shape of one input sample, e.g. {@code 1, 28, 28}
         * @return this builder
         */
        public Builder input(long... dims) {
            return input(Shape.of(dims));
        }

        /**
         * @param shape the shape of one input sample
         * @return this builder
         */
        public Builder input(Shape shape) {
            this.inputShape = Objects.requireNonNull(shape, "input == null");
            return this;
        }

        /**
         * @return the discriminator
         * @throws IllegalStateException    listing every missing setting
         * @throws IllegalArgumentException naming the layer whose input shape does not fit, or when the output is neither
         *                                  [1] nor [1, h, w]
         */
        public Discriminator build() {
            List<String> missing = new ArrayList<>();
            if (inputShape == null) {
                missing.add("input");
            }
            NetworkBody body = body("discriminator", missing);
            failIfMissing("discriminator", missing);
            if (classes > 0 && inputShape.rank() != 1 && inputShape.rank() != 3) {
                throw new IllegalArgumentException("a conditional discriminator needs inputs [n] or [c, h, w] but had " + inputShape);
            }
            Shape out = outputShape("discriminator", body, bodyInputShape(inputShape, classes));
            if (!out.equals(Shape.of(1)) && !(out.rank() == 3 && out.dim(0) == 1)) {
                throw new IllegalArgumentException("discriminator output must be [1] (one logit per sample) or [1, h, w]"
                        + " (one per patch) but was " + out);
            }
            return new Discriminator(inputShape, body, weightInit(), classes, out);
        }
    }
}
