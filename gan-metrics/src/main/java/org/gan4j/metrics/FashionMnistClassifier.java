package org.gan4j.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gan4j.Shape;
import org.gan4j.metric.FeatureExtractor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.weightinit.impl.XavierInitScheme;

/**
 * A small convolutional Fashion-MNIST classifier shipped with gan4j, so that the Inception Score, FID, KID and
 * precision/recall work out of the box on 28×28 grayscale images with pixels in [-1, 1]:
 * conv 1→32 (k3 p1) → ReLU → max-pool 2 → conv 32→64 (k3 p1) → ReLU → max-pool 2 → dense 3136→64 → ReLU (the
 * 64-dimensional <em>features</em>) → dense 64→10 (the <em>logits</em>). Trained by {@link #train} (Adam 1e-3) on the
 * 60,000 training images; its accuracy on the 10,000 test images is stated in docs/metrics.md. Figures computed with
 * it compare models on Fashion-MNIST; they are not comparable to Inception-based figures. Calls are serialised.
 *
 * @since 0.1.0
 */
public final class FashionMnistClassifier implements FeatureExtractor {
    /** The bundled model resource. */
    public static final String RESOURCE = "/org/gan4j/metrics/fashion-mnist-classifier.samediff";
    private static final String INPUT = "input";
    private static final String LABEL = "label";
    private static final String FEATURES = "features";
    private static final String LOGITS = "logits";
    private static final int FEATURE_DIMENSION = 64;
    private static final int CLASSES = 10;
    private static final int BATCH = 500;

    private final SameDiff graph;

    private FashionMnistClassifier(SameDiff graph) {
        this.graph = graph;
    }

    /** @return the classifier bundled with gan4j */
    public static FashionMnistClassifier bundled() {
        try (InputStream in = FashionMnistClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the gan-metrics jar");
            }
            return new FashionMnistClassifier(SameDiff.load(in, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Trains the classifier from scratch.
     *
     * @param images pixels in [-1, 1], [n, 1, 28, 28]
     * @param labels class indices 0..9, one per image
     * @param epochs passes over the data
     * @param seed   the seed of the initial weights and the shuffles
     * @return the trained classifier
     */
    public static FashionMnistClassifier train(INDArray images, int[] labels, int epochs, long seed) {
        Objects.requireNonNull(images, "images == null");
        Objects.requireNonNull(labels, "labels == null");
        if (images.size(0) != labels.length) {
            throw new IllegalArgumentException("images and labels must have the same count but had " + images.size(0)
                    + " and " + labels.length);
        }
        Nd4j.getRandom().setSeed(seed);
        SameDiff sd = architecture();
        sd.loss.softmaxCrossEntropy("loss", sd.placeHolder(LABEL, DataType.FLOAT, -1, CLASSES), sd.getVariable(LOGITS), null);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(INPUT).dataSetLabelMapping(LABEL).build());
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, labels.length, CLASSES);
        for (int i = 0; i < labels.length; i++) {
            oneHot.putScalar(i, labels[i], 1.0);
        }
        DataSet data = new DataSet(images.castTo(DataType.FLOAT), oneHot);
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (int e = 0; e < epochs; e++) {
                data.shuffle(seed + e);
                sd.fit(new ViewIterator(data, 64), 1);
            }
        } finally {
            System.setOut(out);
        }
        return new FashionMnistClassifier(inferenceCopy(sd));
    }

    /** The trained weights in a graph without the loss and the label placeholder, so loading it logs nothing. */
    private static SameDiff inferenceCopy(SameDiff trained) {
        SameDiff inference = architecture();
        for (SDVariable v : inference.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                v.setArray(trained.getArrForVarName(v.name()).dup());
            }
        }
        return inference;
    }

    private static SameDiff architecture() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, 1, 28, 28);
        Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dataFormat("NCHW").build();
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build();
        SDVariable w1 = sd.var("c1_W", new XavierInitScheme('c', 9, 32 * 9), DataType.FLOAT, 3, 3, 1, 32);
        SDVariable b1 = sd.zero("c1_b", DataType.FLOAT, 32);
        SDVariable w2 = sd.var("c2_W", new XavierInitScheme('c', 32 * 9, 64 * 9), DataType.FLOAT, 3, 3, 32, 64);
        SDVariable b2 = sd.zero("c2_b", DataType.FLOAT, 64);
        SDVariable w3 = sd.var("d1_W", new XavierInitScheme('c', 3136, FEATURE_DIMENSION), DataType.FLOAT, 3136, FEATURE_DIMENSION);
        SDVariable b3 = sd.zero("d1_b", DataType.FLOAT, FEATURE_DIMENSION);
        SDVariable w4 = sd.var("d2_W", new XavierInitScheme('c', FEATURE_DIMENSION, CLASSES), DataType.FLOAT, FEATURE_DIMENSION, CLASSES);
        SDVariable b4 = sd.zero("d2_b", DataType.FLOAT, CLASSES);
        SDVariable h = sd.cnn.maxPooling2d(sd.nn.relu(sd.cnn.conv2d(x, w1, b1, conv), 0), pool);
        h = sd.cnn.maxPooling2d(sd.nn.relu(sd.cnn.conv2d(h, w2, b2, conv), 0), pool);
        SDVariable features = sd.nn.relu(FEATURES, h.reshape(-1, 3136).mmul(w3).add(b3), 0);
        sd.identity(LOGITS, features.mmul(w4).add(b4));
        return sd;
    }

    /**
     * @param images pixels in [-1, 1], [n, 1, 28, 28]
     * @param labels the true classes
     * @return the fraction classified correctly
     */
    public double accuracy(INDArray images, int[] labels) {
        INDArray predicted = logits(images).argMax(1);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted.getInt(i) == labels[i]) {
                correct++;
            }
        }
        return correct / (double) labels.length;
    }

    /** @return the model as SameDiff flat buffers (what {@link #RESOURCE} holds) */
    public synchronized byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        graph.save(out, false);
        return out.toByteArray();
    }

    @Override
    public Shape inputShape() {
        return Shape.of(1, 28, 28);
    }

    @Override
    public int featureDimension() {
        return FEATURE_DIMENSION;
    }

    @Override
    public int classes() {
        return CLASSES;
    }

    @Override
    public INDArray features(INDArray images) {
        return run(images, FEATURES)[0];
    }

    @Override
    public INDArray logits(INDArray images) {
        return run(images, LOGITS)[0];
    }

    /** One pass of the network for both outputs. */
    @Override
    public INDArray[] featuresAndLogits(INDArray images) {
        return run(images, FEATURES, LOGITS);
    }

    private synchronized INDArray[] run(INDArray images, String... outputs) {
        Objects.requireNonNull(images, "images == null");
        long[] expected = inputShape().withBatch(images.size(0));
        if (!Arrays.equals(images.shape(), expected)) {
            throw new IllegalArgumentException("images must have shape [n, 1, 28, 28] but was " + Arrays.toString(images.shape()));
        }
        long n = images.size(0);
        INDArray[] results = new INDArray[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            results[i] = Nd4j.create(DataType.FLOAT, n, outputs[i].equals(LOGITS) ? CLASSES : FEATURE_DIMENSION);
        }
        INDArray x = images.castTo(DataType.FLOAT);
        for (long start = 0; start < n; start += BATCH) {
            long end = Math.min(n, start + BATCH);
            INDArray batch = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)).dup();
            Map<String, INDArray> out = graph.output(Map.of(INPUT, batch), List.of(outputs));
            for (int i = 0; i < outputs.length; i++) {
                results[i].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)).assign(out.get(outputs[i]));
            }
        }
        return results;
    }
}
