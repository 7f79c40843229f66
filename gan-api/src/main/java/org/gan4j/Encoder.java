package org.gan4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gan4j.layer.Dense;
import org.gan4j.layer.LayerSpec;

/**
 * An immutable encoder specification: the inference network q(z|x) = N(μ(x), diag σ²(x)) of a variational
 * autoencoder (Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014). The layers map a sample x to a
 * flat hidden vector h; the latent head, a dense layer h → [μ, log σ²] of 2·L values, follows them (the first L
 * values are μ, the next L are log σ²). A custom graph body outputs those 2·L values itself.
 *
 * <pre>{@code
 * Encoder e = Encoder.builder()
 *     .input(1, 28, 28)
 *     .conv2d(64, 4, 2, 1).leakyRelu(0.2)
 *     .conv2d(128, 4, 2, 1).leakyRelu(0.2)
 *     .flatten()
 *     .latent(32)
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Encoder {
    private final Shape inputShape;
    private final NetworkBody body;
    private final int latentSize;
    private final ParameterInit weightInit;

    private Encoder(Shape inputShape, NetworkBody body, int latentSize, ParameterInit weightInit) {
        this.inputShape = inputShape;
        this.body = body;
        this.latentSize = latentSize;
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

    /** @return the layers including the latent head (or the custom graph), whose output is [2·L]: μ, then log σ² */
    public NetworkBody body() {
        return body;
    }

    /** @return L, the number of latent coordinates */
    public int latentSize() {
        return latentSize;
    }

    /** @return the latent space of the prior p(z) = N(0, I) that the decoder samples from */
    public LatentSpace latent() {
        return LatentSpace.gaussian(latentSize);
    }

    /** @return how weights are initialised */
    public ParameterInit weightInit() {
        return weightInit;
    }

    @Override
    public String toString() {
        return "Encoder(input=" + inputShape + ", " + Generator.describe(body) + ", latent=" + latentSize + ")";
    }

    /** Fluent builder of {@link Encoder}. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private Shape inputShape;
        private int latentSize;

        private Builder() {
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
         * @param size L, the number of latent coordinates, &gt;= 1
         * @return this builder
         */
        public Builder latent(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("latent size must be >= 1 but was " + size);
            }
            this.latentSize = size;
            return this;
        }

        /**
         * @return the encoder
         * @throws IllegalStateException    listing every missing setting
         * @throws IllegalArgumentException naming the layer whose input shape does not fit, or when the layers do not
         *                                  end in a flat vector (a custom graph: in [2·L] values)
         */
        public Encoder build() {
            List<String> missing = new ArrayList<>();
            if (inputShape == null) {
                missing.add("input");
            }
            if (latentSize == 0) {
                missing.add("latent");
            }
            NetworkBody body = body("encoder", missing);
            failIfMissing("encoder", missing);
            Shape hidden = outputShape("encoder", body, inputShape);
            if (body instanceof NetworkBody.Custom) {
                if (!hidden.equals(Shape.of(2L * latentSize))) {
                    throw new IllegalArgumentException("a custom encoder graph must output [2 * latent] = ["
                            + 2L * latentSize + "] values (μ, then log σ²) but declares " + hidden);
                }
                return new Encoder(inputShape, body, latentSize, weightInit());
            }
            if (hidden.rank() != 1) {
                throw new IllegalArgumentException("encoder layers must end in a flat vector for the latent head but end in "
                        + hidden + ": add flatten()");
            }
            List<LayerSpec> layers = new ArrayList<>(((NetworkBody.Layers) body).layers());
            layers.add(new Dense(2 * latentSize, true));
            return new Encoder(inputShape, new NetworkBody.Layers(layers), latentSize, weightInit());
        }
    }
}
