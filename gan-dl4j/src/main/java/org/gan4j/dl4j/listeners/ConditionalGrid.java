package org.gan4j.dl4j.listeners;

import org.gan4j.GeneratorSampler;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Samples for a grid: plain for an unconditional generator, class i mod classes for the i-th image otherwise. */
final class ConditionalGrid {
    private ConditionalGrid() {
    }

    static INDArray sample(GeneratorSampler generator, INDArray latent) {
        if (generator.classes() == 0) {
            return generator.sample(latent);
        }
        int[] labels = new int[(int) latent.size(0)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % generator.classes();
        }
        return generator.sample(latent, labels);
    }
}
