package org.gan4j.spark;

import org.gan4j.dl4j.GeneratorModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Samples from..to−1 of a plan, in one generator call (the plan's chunk), latent vectors and labels as it defines. */
final class GeneratedChunk {
    private GeneratedChunk() {
    }

    static INDArray images(GeneratorModel generator, GenerationPlan plan, long from, long to) {
        int count = (int) (to - from);
        int size = generator.latent().size();
        float[] z = new float[count * size];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(plan.latent(generator.latent(), from + i), 0, z, i * size, size);
            labels[i] = generator.classes() > 0 ? GenerationPlan.label(generator.classes(), from + i) : 0;
        }
        INDArray latent = Nd4j.create(z, new long[] {count, size}, DataType.FLOAT);
        return generator.classes() > 0 ? generator.sample(latent, labels) : generator.sample(latent);
    }

    static int[] labels(GeneratorModel generator, long from, long to) {
        int[] labels = new int[(int) (to - from)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = generator.classes() > 0 ? GenerationPlan.label(generator.classes(), from + i) : -1;
        }
        return labels;
    }
}
