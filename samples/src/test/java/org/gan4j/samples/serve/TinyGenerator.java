package org.gan4j.samples.serve;

import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.GeneratorModel;

/** Small trained generators for the server and program tests. */
public final class TinyGenerator {
    private TinyGenerator() {
    }

    /**
     * @param classes 0 for an unconditional generator
     * @return a generator of 1×8×8 images after two training steps on noise: enough to give every seed its own image
     */
    public static GeneratorModel of(int classes) {
        Generator.Builder g = Generator.builder().latent(LatentSpace.gaussian(6));
        Discriminator.Builder d = Discriminator.builder().input(1, 8, 8);
        if (classes > 0) {
            g.conditional(classes);
            d.conditional(classes);
        }
        float[] pixels = new float[40 * 64];
        int[] labels = new int[40];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % Math.max(classes, 1);
        }
        InMemoryDataSource data = InMemoryDataSource.of(pixels, Shape.of(1, 8, 8));
        return GanTrainer.builder()
                .generator(g.dense(2 * 4 * 4).reshape(2, 4, 4).relu().deconv2d(1, 4, 2, 1).tanh().build())
                .discriminator(d.flatten().dense(8).leakyRelu(0.2).dense(1).build())
                .data(classes > 0 ? data.withLabels(labels, classes) : data)
                .batchSize(8).steps(2).seed(3).build().fit().generator();
    }
}
