package org.gan4j.spark;

import java.io.Serializable;
import java.util.Objects;
import org.gan4j.metric.FeatureExtractor;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.metrics.onnx.OnnxFeatureExtractor;

/**
 * How an executor gets its feature extractor: a description that travels with the job, opened once per executor JVM
 * (see {@link ExecutorModels}). The ONNX model's bytes travel inside it (broadcast them with the job for large models).
 *
 * @since 0.1.0
 */
public interface FeatureSource extends Serializable {

    /** @return a key naming the extractor; equal keys share one opened extractor per executor */
    String key();

    /** @return the extractor, opened on the executor */
    FeatureExtractor open();

    /** @return the Fashion-MNIST classifier bundled with gan-metrics (64 features, 10 classes, 28×28 gray) */
    static FeatureSource bundledClassifier() {
        return new Bundled();
    }

    /**
     * @param onnxBytes an InceptionV3 exported as docs/metrics.md describes (outputs pool3 and logits)
     * @param name      a name for messages and the executor cache
     * @return that extractor
     */
    static FeatureSource onnxInception(byte[] onnxBytes, String name) {
        Objects.requireNonNull(onnxBytes, "onnxBytes == null");
        Objects.requireNonNull(name, "name == null");
        if (onnxBytes.length == 0) {
            throw new IllegalArgumentException("onnxBytes must not be empty (model " + name + ")");
        }
        return new Onnx(onnxBytes.clone(), name);
    }

    /** The bundled classifier. */
    final class Bundled implements FeatureSource {
        private static final long serialVersionUID = 1L;

        @Override
        public String key() {
            return "bundled-fashion-mnist-classifier";
        }

        @Override
        public FeatureExtractor open() {
            return FashionMnistClassifier.bundled();
        }
    }

    /** An ONNX InceptionV3 from its bytes. */
    final class Onnx implements FeatureSource {
        private static final long serialVersionUID = 1L;
        /** The ONNX model. */
        private final byte[] bytes;
        /** Its name, for messages and the executor cache. */
        private final String name;
        /** The cache key, hashed once on the driver rather than by every task (an InceptionV3 export is large). */
        private final String key;

        Onnx(byte[] bytes, String name) {
            this.bytes = bytes;
            this.name = name;
            this.key = "onnx:" + name + ":" + ExecutorModels.sha256(bytes);
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public FeatureExtractor open() {
            return OnnxFeatureExtractor.builder().model(bytes, name).build();
        }
    }
}
