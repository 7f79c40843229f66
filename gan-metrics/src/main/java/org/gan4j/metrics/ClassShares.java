package org.gan4j.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.gan4j.metric.FeatureExtractor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How generated images spread over the classes of a labelled dataset, as a classifier sees them: each image is
 * assigned its arg-max class, and the shares are compared with the reference shares q (the real data's):
 * <pre>
 *   TV = ½ Σ_c |p_c − q_c|,   classes covered = #{c : p_c ≥ ½·q_c}
 * </pre>
 * A generator that drops modes leaves classes uncovered and a large total-variation distance; one that covers the
 * data matches q (Santurkar et al., "A Classification-Based Study of Covariate Shift in GAN Distributions", ICML
 * 2018, measure mode coverage this way).
 *
 * @param shares          p, the fraction of images assigned to each class
 * @param reference       q, the reference fraction of each class
 * @param totalVariation  ½ Σ |p − q|, in [0, 1]
 * @param classesCovered  the classes with p_c ≥ ½·q_c
 *
 * @since 0.1.0
 */
public record ClassShares(double[] shares, double[] reference, double totalVariation, int classesCovered) {

    /**
     * @param classifier a classifier of the images' domain
     * @param images     images in its input range [n, ...]
     * @param reference  the reference share of each class (summing to 1)
     * @return the shares
     */
    public static ClassShares of(FeatureExtractor classifier, INDArray images, double[] reference) {
        Objects.requireNonNull(classifier, "classifier == null");
        Objects.requireNonNull(images, "images == null");
        INDArray predicted = classifier.logits(images).argMax(1);
        int[] classes = new int[(int) predicted.length()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = predicted.getInt(i);
        }
        return of(classes, reference);
    }

    /**
     * @param classes   the class of each image, each in [0, reference.length)
     * @param reference the reference share of each class, each &gt;= 0, summing to 1 (within 1e-6)
     * @return the shares
     */
    public static ClassShares of(int[] classes, double[] reference) {
        Objects.requireNonNull(classes, "classes == null");
        Objects.requireNonNull(reference, "reference == null");
        double total = Arrays.stream(reference).sum();
        if (reference.length < 2 || Arrays.stream(reference).anyMatch(q -> !(q >= 0)) || Math.abs(total - 1) > 1e-6) {
            throw new IllegalArgumentException("reference must hold >= 2 shares >= 0 summing to 1 but was "
                    + Arrays.toString(reference));
        }
        if (classes.length == 0) {
            throw new IllegalArgumentException("classes must not be empty");
        }
        double[] shares = new double[reference.length];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= reference.length) {
                throw new IllegalArgumentException("classes[" + i + "] must be in [0, " + reference.length + ") but was "
                        + classes[i]);
            }
            shares[classes[i]] += 1.0 / classes.length;
        }
        double tv = 0;
        int covered = 0;
        for (int c = 0; c < shares.length; c++) {
            tv += Math.abs(shares[c] - reference[c]) / 2;
            if (shares[c] >= reference[c] / 2) {
                covered++;
            }
        }
        return new ClassShares(shares, reference.clone(), tv, covered);
    }

    /**
     * @param labels    the classes of a labelled set, each in [0, classes)
     * @param classes   the number of classes
     * @return the share of each class in the set
     */
    public static double[] sharesOf(int[] labels, int classes) {
        double[] q = new double[classes];
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("labels must be in [0, " + classes + ") but held " + label);
            }
            q[label] += 1.0 / labels.length;
        }
        return q;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassShares other && Arrays.equals(shares, other.shares)
                && Arrays.equals(reference, other.reference) && totalVariation == other.totalVariation
                && classesCovered == other.classesCovered;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shares) + Arrays.hashCode(reference);
    }

    @Override
    public String toString() {
        return "ClassShares(shares=" + Arrays.toString(shares) + ", totalVariation=" + totalVariation + ", classesCovered="
                + classesCovered + ")";
    }
}
