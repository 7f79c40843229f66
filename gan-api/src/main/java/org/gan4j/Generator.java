package org.gan4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable generator specification: a latent space and the network G that maps a latent vector z to a sample
 * G(z). Built with {@link #builder()}; output shapes are inferred layer by layer and checked at {@code build()}.
 *
 * <pre>{@code
 * Generator g = Generator.builder()
 *     .latent(LatentSpace.gaussian(100))
 *     .dense(128 * 7 * 7).withoutBias().reshape(128, 7, 7).batchNorm().relu()
 *     .deconv2d(64, 4, 2, 1).withoutBias().batchNorm().relu()
 *     .deconv2d(1, 4, 2, 1).tanh()
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Generator {
    private final LatentSpace latent;
    private final NetworkBody body;
    private final Shape outputShape;
    private final ParameterInit weightInit;
    private final int classes;

    private Generator(LatentSpace latent, NetworkBody body, Shape outputShape, ParameterInit weightInit, int classes) {
        this.latent = latent;
        this.body = body;
        this.outputShape = outputShape;
        this.weightInit = weightInit;
        this.classes = classes;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the latent space z is drawn from */
    public LatentSpace latent() {
        return latent;
    }

    /** @return the layers or custom graph */
    public NetworkBody body() {
        return body;
    }

    /** @return the shape of one generated sample */
    public Shape outputShape() {
        return outputShape;
    }

    /** @return the number of classes G is conditioned on, 0 for an unconditional generator */
    public int classes() {
        return classes;
    }

    /**
     * @return the shape the network body receives: the latent vector, joined with the one-hot class for a
     *         conditional generator ([latent size + classes])
     */
    public Shape bodyInputShape() {
        return classes == 0 ? latent.shape() : Shape.of(latent.size() + classes);
    }

    /** @return how weights are initialised */
    public ParameterInit weightInit() {
        return weightInit;
    }

    @Override
    public String toString() {
        return "Generator(latent=" + latent + (classes == 0 ? "" : ", classes=" + classes) + ", " + describe(body)
                + ", output=" + outputShape + ")";
    }

    static String describe(NetworkBody body) {
        return body instanceof NetworkBody.Layers l ? "layers=" + l.layers() : "custom graph";
    }

    /** Fluent builder of {@link Generator}. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private LatentSpace latent;
        private int classes;

        private Builder() {
        }

        /**
         * Makes the generator conditional (Mirza and Osindero, "Conditional Generative Adversarial Nets", 2014): the
         * one-hot class is joined to z, so the first layer sees [latent size + classes] values.
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
         * @param latent the latent space z is drawn from
         * @return this builder
         */
        public Builder latent(LatentSpace latent) {
            this.latent = Objects.requireNonNull(latent, "latent == null");
            return this;
        }

        /**
         * @return the generator
         * @throws IllegalStateException    listing every missing setting
         * @throws IllegalArgumentException naming the layer whose input shape does not fit
         */
        public Generator build() {
            List<String> missing = new ArrayList<>();
            if (latent == null) {
                missing.add("latent");
            }
            NetworkBody body = body("generator", missing);
            failIfMissing("generator", missing);
            if (classes > 0 && latent.shape().rank() != 1) {
                throw new IllegalArgumentException("a conditional generator needs a flat latent space but had " + latent.shape());
            }
            Shape in = classes == 0 ? latent.shape() : Shape.of(latent.size() + classes);
            Shape out = outputShape("generator", body, in);
            return new Generator(latent, body, out, weightInit(), classes);
        }
    }
}
