package org.gan4j.samples;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.gan4j.Shape;
import org.gan4j.data.IdxImages;
import org.gan4j.data.InMemoryDataSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two unpaired image domains cut from a labelled set: X holds the images of one class from the first half of the set,
 * Y those of another class from the second half, so no image, and no pairing, is shared.
 *
 * @param x the images of domain X
 * @param y the images of domain Y
 */
record UnpairedDomains(InMemoryDataSource x, InMemoryDataSource y) {

    static UnpairedDomains split(IdxImages images, int[] labels, int classX, int classY) {
        int half = images.count() / 2;
        float[] all = images.scaledToPlusMinusOne();
        return new UnpairedDomains(InMemoryDataSource.of(classImages(images, all, labels, classX, 0, half)),
                InMemoryDataSource.of(classImages(images, all, labels, classY, half, images.count())));
    }

    /**
     * @return the images of {@code label} among indices [from, to), scaled to [-1, 1], [n, c, h, w]
     * @throws IllegalArgumentException if there are none
     */
    static INDArray classImages(IdxImages images, int[] labels, int label, int from, int to) {
        return classImages(images, images.scaledToPlusMinusOne(), labels, label, from, to);
    }

    private static INDArray classImages(IdxImages images, float[] all, int[] labels, int label, int from, int to) {
        int[] chosen = IntStream.range(from, to).filter(i -> labels[i] == label).toArray();
        if (chosen.length == 0) {
            throw new IllegalArgumentException("no image of class " + label + " among images " + from + " to " + to);
        }
        Shape shape = images.imageShape();
        int size = Math.toIntExact(shape.size());
        float[] values = new float[chosen.length * size];
        for (int i = 0; i < chosen.length; i++) {
            System.arraycopy(all, chosen[i] * size, values, i * size, size);
        }
        long[] dims = shape.withBatch(chosen.length);
        return Nd4j.create(values, dims, 'c');
    }

    static int[] filled(int n, int label) {
        int[] labels = new int[n];
        Arrays.fill(labels, label);
        return labels;
    }
}
