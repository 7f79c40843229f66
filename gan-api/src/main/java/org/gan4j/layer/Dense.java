package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * A fully connected layer y = xW + b on vectors.
 *
 * @param units the output size
 * @param bias         whether the layer adds a bias b (drop it before batch norm)
 * @param spectralNorm whether W is spectrally normalized ({@link WeightedLayer#spectralNorm()})
 *
 * @since 0.1.0
 */
public record Dense(int units, boolean bias, boolean spectralNorm) implements WeightedLayer {
    /**
     * Validates the components.
     *
     * @param units        the output size
     * @param bias         whether the layer adds a bias
     * @param spectralNorm whether W is spectrally normalized
     */
    public Dense {
        LayerSpec.requirePositive("units", units);
    }

    /**
     * A dense layer without spectral normalization.
     *
     * @param units the output size
     * @param bias  whether the layer adds a bias
     */
    public Dense(int units, boolean bias) {
        this(units, bias, false);
    }

    @Override
    public Dense withoutBias() {
        return new Dense(units, false, spectralNorm);
    }

    @Override
    public Dense spectrallyNormalized() {
        return new Dense(units, bias, true);
    }

    @Override
    public int outputs() {
        return units;
    }

    @Override
    public Shape outputShape(Shape input) {
        LayerSpec.requireRank(this, input, 1, "[features]");
        return Shape.of(units);
    }

    @Override
    public String toString() {
        return "dense(" + units + markers() + ")";
    }
}
