package org.gan4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gan4j.layer.ActivationLayer;
import org.gan4j.layer.BatchNorm;
import org.gan4j.layer.Conv2d;
import org.gan4j.layer.Deconv2d;
import org.gan4j.layer.Dense;
import org.gan4j.layer.Dropout;
import org.gan4j.layer.Flatten;
import org.gan4j.layer.InstanceNorm;
import org.gan4j.layer.LayerSpec;
import org.gan4j.layer.Reshape;
import org.gan4j.layer.Residual;
import org.gan4j.layer.WeightedLayer;

/**
 * The fluent layer vocabulary shared by {@link Generator.Builder} and {@link Discriminator.Builder}.
 *
 * @param <B> the concrete builder type, returned by every method
 *
 * @since 0.1.0
 */
public abstract class NetworkBuilder<B extends NetworkBuilder<B>> {
    private final List<LayerSpec> layers = new ArrayList<>();
    private GraphNetwork custom;
    private Shape customOutputShape;
    private ParameterInit weightInit = ParameterInit.fanInUniform();
    private boolean spectralNormAll;

    NetworkBuilder() {
    }

    abstract B self();

    /**
     * Appends a layer.
     *
     * @param layer the layer
     * @return this builder
     */
    public B layer(LayerSpec layer) {
        layers.add(Objects.requireNonNull(layer, "layer == null"));
        return self();
    }

    /**
     * @param units the output size
     * @return this builder, with a dense layer with bias appended
     */
    public B dense(int units) {
        return layer(new Dense(units, true));
    }

    /**
     * @param filters output channels
     * @param kernel  kernel size
     * @param stride  stride
     * @param padding zero padding per side
     * @return this builder, with a convolution with bias appended
     */
    public B conv2d(int filters, int kernel, int stride, int padding) {
        return layer(new Conv2d(filters, kernel, stride, padding, true));
    }

    /**
     * @param filters output channels
     * @param kernel  kernel size
     * @param stride  stride
     * @param padding padding removed per side
     * @return this builder, with a transposed convolution with bias appended
     */
    public B deconv2d(int filters, int kernel, int stride, int padding) {
        return layer(new Deconv2d(filters, kernel, stride, padding, true));
    }

    /**
     * Removes the bias of the layer just added (a dense, conv2d or deconv2d layer), as is usual before batch norm.
     *
     * @return this builder
     * @throws IllegalStateException if the last layer has no bias to remove
     */
    public B withoutBias() {
        LayerSpec last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (!(last instanceof WeightedLayer w && w.bias())) {
            throw new IllegalStateException("withoutBias() must follow dense, conv2d or deconv2d with a bias but the last layer was "
                    + (last == null ? "none" : last));
        }
        layers.set(layers.size() - 1, w.withoutBias());
        return self();
    }

    /**
     * Spectrally normalizes the layer just added (a dense, conv2d or deconv2d layer): W/σ(W), see
     * {@link WeightedLayer#spectralNorm()}.
     *
     * @return this builder
     * @throws IllegalStateException if the last layer has no weight or is normalized already
     */
    public B spectralNorm() {
        LayerSpec last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (!(last instanceof WeightedLayer w && !w.spectralNorm())) {
            throw new IllegalStateException("spectralNorm() must follow dense, conv2d or deconv2d without spectral norm but"
                    + " the last layer was " + (last == null ? "none" : last));
        }
        layers.set(layers.size() - 1, w.spectrallyNormalized());
        return self();
    }

    /**
     * Spectrally normalizes every dense, conv2d and deconv2d layer of the network, those inside residual blocks
     * included, whenever they were added (the SNGAN discriminator; see {@link WeightedLayer#spectralNorm()}).
     *
     * @return this builder
     */
    public B spectralNormAll() {
        this.spectralNormAll = true;
        return self();
    }

    /** @return this builder, with batch norm (ε = 1e-5, momentum 0.1) appended */
    public B batchNorm() {
        return layer(BatchNorm.DEFAULT);
    }

    /**
     * @param epsilon  added to the variance
     * @param momentum running-average weight of each batch
     * @return this builder, with batch norm appended
     */
    public B batchNorm(double epsilon, double momentum) {
        return layer(new BatchNorm(epsilon, momentum));
    }

    /** @return this builder, with instance norm (ε = 1e-5, no affine part) appended */
    public B instanceNorm() {
        return layer(InstanceNorm.DEFAULT);
    }

    /**
     * @param epsilon added to the variance
     * @param affine  whether a learned scale and shift per channel follow
     * @return this builder, with instance norm appended
     */
    public B instanceNorm(double epsilon, boolean affine) {
        return layer(new InstanceNorm(epsilon, affine));
    }

    /**
     * Appends y = x + f(x), f being the given layers, which must keep the shape of their input.
     *
     * @param layers the layers of f
     * @return this builder
     */
    public B residual(LayerSpec... layers) {
        return layer(new Residual(java.util.Arrays.asList(Objects.requireNonNull(layers, "layers == null"))));
    }

    /**
     * Appends CycleGAN's residual block (conv 3×3 → instance norm → ReLU → conv 3×3 → instance norm, plus the input).
     *
     * @param channels the channels of the block's input and output
     * @return this builder
     */
    public B residualBlock(int channels) {
        return layer(Residual.block(channels));
    }

    /**
     * @param rate probability of dropping a value, in [0, 1)
     * @return this builder, with dropout appended
     */
    public B dropout(double rate) {
        return layer(new Dropout(rate));
    }

    /**
     * @param dims the shape of one output sample
     * @return this builder, with a reshape appended
     */
    public B reshape(long... dims) {
        return layer(new Reshape(Shape.of(dims)));
    }

    /** @return this builder, with a flatten appended */
    public B flatten() {
        return layer(new Flatten());
    }

    /**
     * @param activation the function
     * @return this builder, with the activation appended
     */
    public B activation(Activation activation) {
        return layer(new ActivationLayer(Objects.requireNonNull(activation, "activation == null")));
    }

    /** @return this builder, with ReLU appended */
    public B relu() {
        return activation(Activation.relu());
    }

    /**
     * @param alpha negative slope in (0, 1)
     * @return this builder, with leaky ReLU appended
     */
    public B leakyRelu(double alpha) {
        return activation(Activation.leakyRelu(alpha));
    }

    /** @return this builder, with tanh appended */
    public B tanh() {
        return activation(Activation.tanh());
    }

    /** @return this builder, with sigmoid appended */
    public B sigmoid() {
        return activation(Activation.sigmoid());
    }

    /** @return this builder, with the identity appended */
    public B identity() {
        return activation(Activation.identity());
    }

    /**
     * Defines the network as SameDiff operations instead of layers.
     *
     * @param outputShape the shape of one output sample
     * @param network     the function that adds the operations
     * @return this builder
     */
    public B custom(Shape outputShape, GraphNetwork network) {
        this.customOutputShape = Objects.requireNonNull(outputShape, "outputShape == null");
        this.custom = Objects.requireNonNull(network, "network == null");
        return self();
    }

    /**
     * Sets how dense and convolution weights are initialised (default: {@link ParameterInit#fanInUniform()};
     * biases start at zero, batch norm at γ = 1, β = 0).
     *
     * @param init the initialisation
     * @return this builder
     */
    public B weightInit(ParameterInit init) {
        this.weightInit = Objects.requireNonNull(init, "weightInit == null");
        return self();
    }

    ParameterInit weightInit() {
        return weightInit;
    }

    /** Adds the missing settings of the body to {@code missing}, or returns the body when complete. */
    NetworkBody body(String network, List<String> missing) {
        if (custom != null && !layers.isEmpty()) {
            throw new IllegalStateException(network + " has both layers " + layers + " and a custom graph: use one or the other");
        }
        if (custom != null && spectralNormAll) {
            throw new IllegalStateException(network + " has a custom graph and spectralNormAll(): spectral normalization"
                    + " applies to builder layers; normalize a custom graph's weights inside it");
        }
        if (custom != null) {
            return new NetworkBody.Custom(custom, customOutputShape);
        }
        if (layers.isEmpty()) {
            missing.add("layers (or a custom graph)");
            return null;
        }
        return new NetworkBody.Layers(spectralNormAll ? normalized(layers) : layers);
    }

    private static List<LayerSpec> normalized(List<LayerSpec> layers) {
        List<LayerSpec> out = new ArrayList<>();
        for (LayerSpec layer : layers) {
            if (layer instanceof WeightedLayer w) {
                out.add(w.spectralNorm() ? w : w.spectrallyNormalized());
            } else if (layer instanceof Residual r) {
                out.add(new Residual(normalized(r.layers())));
            } else {
                out.add(layer);
            }
        }
        return out;
    }

    /** Infers the output shape of a body from its input shape, naming the failing layer. */
    static Shape outputShape(String network, NetworkBody body, Shape input) {
        if (body instanceof NetworkBody.Custom c) {
            return c.outputShape();
        }
        Shape shape = input;
        List<LayerSpec> layers = ((NetworkBody.Layers) body).layers();
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(network + " layer " + i + ": " + e.getMessage(), e);
            }
        }
        return shape;
    }

    static void failIfMissing(String network, List<String> missing) {
        if (!missing.isEmpty()) {
            throw new IllegalStateException(network + " is missing required settings: " + String.join(", ", missing));
        }
    }
}
