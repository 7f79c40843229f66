package org.gan4j.metrics.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gan4j.Shape;
import org.gan4j.metric.FeatureExtractor;
import org.gan4j.metrics.image.BilinearResize;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A {@link FeatureExtractor} that runs an ONNX model with onnxruntime (through ND4J's onnxruntime binding): typically
 * the FID InceptionV3 network exported from pytorch-fid (see docs/metrics.md), whose {@code pool3} output gives the
 * 2048 features of FID and KID and whose {@code logits} output gives the 1008 classes of the Inception Score.
 *
 * <p>Images come in as [n, c, h, w] with pixels in [-1, 1], any size, one or three channels. Each batch is prepared the
 * way pytorch-fid prepares it: one channel is repeated to three when the model wants three; the images are resized
 * bilinearly to the model's input size ({@link BilinearResize}, PyTorch's {@code align_corners=False}); and the pixel
 * range is mapped linearly from [-1, 1] to the range the model expects ({@link Builder#inputRange}, [-1, 1] by
 * default, which is what pytorch-fid's network sees after its own normalisation). Outputs of rank above 2 (such as
 * pool3 as [n, 2048, 1, 1]) are flattened per image.
 *
 * <p>The onnxruntime native library comes from {@code org.bytedeco:onnxruntime} (and {@code org.bytedeco:dnnl}) with
 * the application's platform classifier, like the ND4J backend. Calls are serialised; {@link #close()} frees the
 * native session.
 *
 * <pre>{@code
 * try (OnnxFeatureExtractor inception = OnnxFeatureExtractor.inceptionV3(Path.of("pt_inception-2015-12-05.onnx"))) {
 *     FidResult fid = FrechetDistance.between(inception.features(real), inception.features(fake));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class OnnxFeatureExtractor implements FeatureExtractor, AutoCloseable {
    /** The output name for features that the export script in docs/metrics.md writes. */
    public static final String DEFAULT_FEATURES_OUTPUT = "pool3";
    /** The output name for class logits that the export script in docs/metrics.md writes. */
    public static final String DEFAULT_LOGITS_OUTPUT = "logits";
    /** InceptionV3's input size. */
    public static final int INCEPTION_SIZE = 299;

    private final OnnxModel model;
    private final String featuresOutput;
    private final String logitsOutput;
    private final Shape inputShape;
    private final BilinearResize resize;
    private final double low;
    private final double high;
    private final int batchSize;
    private final int featureDimension;
    private final int classes;

    private OnnxFeatureExtractor(Builder b, OnnxModel model, Shape inputShape) {
        this.model = model;
        this.featuresOutput = b.featuresOutput;
        this.logitsOutput = b.logitsOutput;
        this.inputShape = inputShape;
        this.resize = new BilinearResize((int) inputShape.dim(1), (int) inputShape.dim(2));
        this.low = b.low;
        this.high = b.high;
        this.batchSize = b.batchSize;
        Map<String, INDArray> probe = model.run(Nd4j.zeros(DataType.FLOAT, inputShape.withBatch(1)),
                List.of(featuresOutput, logitsOutput));
        this.featureDimension = Math.toIntExact(probe.get(featuresOutput).length());
        this.classes = Math.toIntExact(probe.get(logitsOutput).length());
    }

    /**
     * The FID InceptionV3 network exported to ONNX as docs/metrics.md shows: input [n, 3, 299, 299] in [-1, 1],
     * outputs {@code pool3} and {@code logits}.
     *
     * @param onnxFile the exported model
     * @return the extractor
     */
    public static OnnxFeatureExtractor inceptionV3(Path onnxFile) {
        return builder().model(onnxFile).build();
    }

    /** @return a builder with the defaults of the export script: outputs pool3 and logits, input range [-1, 1] */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public int featureDimension() {
        return featureDimension;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** {@inheritDoc} Images of any size with one or three channels are accepted and resized. */
    @Override
    public INDArray features(INDArray images) {
        return run(images, featuresOutput, featureDimension);
    }

    /** {@inheritDoc} Images of any size with one or three channels are accepted and resized. */
    @Override
    public INDArray logits(INDArray images) {
        return run(images, logitsOutput, classes);
    }

    private INDArray run(INDArray images, String output, int width) {
        Objects.requireNonNull(images, "images == null");
        long channels = inputShape.dim(0);
        if (images.rank() != 4 || (images.size(1) != channels && images.size(1) != 1)) {
            throw new IllegalArgumentException("images must have shape [n, " + channels + " or 1, h, w] but was "
                    + Arrays.toString(images.shape()));
        }
        long n = images.size(0);
        INDArray result = Nd4j.create(DataType.FLOAT, n, width);
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray batch = prepare(images.get(NDArrayIndex.interval(start, end)));
            INDArray out = model.run(batch, List.of(output)).get(output);
            result.get(NDArrayIndex.interval(start, end)).assign(out.reshape(end - start, width));
        }
        return result;
    }

    private INDArray prepare(INDArray batch) {
        INDArray x = batch.castTo(DataType.FLOAT);
        if (x.size(1) != inputShape.dim(0)) {
            INDArray[] copies = new INDArray[(int) inputShape.dim(0)];
            Arrays.fill(copies, x);
            x = Nd4j.concat(1, copies);
        }
        x = resize.apply(x);
        if (low != -1.0 || high != 1.0) {
            x = x.add(1.0).muli((high - low) / 2.0).addi(low);
        }
        return x.dup('c');
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "OnnxFeatureExtractor(model=" + model.description() + ", input=" + inputShape + ", " + featuresOutput
                + "=" + featureDimension + ", " + logitsOutput + "=" + classes + ", range=[" + low + ", " + high + "])";
    }

    /** Builds an {@link OnnxFeatureExtractor}; only the model is required. */
    public static final class Builder {
        private byte[] modelBytes;
        private String modelName;
        private String featuresOutput = DEFAULT_FEATURES_OUTPUT;
        private String logitsOutput = DEFAULT_LOGITS_OUTPUT;
        private double low = -1.0;
        private double high = 1.0;
        private int batchSize = 50;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int height;
        private int width;

        private Builder() {
        }

        /**
         * @param onnxFile an ONNX model file with one float input [n, c, h, w]
         * @return this builder
         */
        public Builder model(Path onnxFile) {
            Objects.requireNonNull(onnxFile, "onnxFile == null");
            if (!Files.isRegularFile(onnxFile)) {
                throw new IllegalArgumentException("onnxFile must be an existing file but was " + onnxFile);
            }
            try {
                return model(Files.readAllBytes(onnxFile), onnxFile.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the ONNX model " + onnxFile, e);
            }
        }

        /**
         * @param onnxBytes the bytes of an ONNX model (e.g. read from a resource)
         * @param name      a name for messages
         * @return this builder
         */
        public Builder model(byte[] onnxBytes, String name) {
            Objects.requireNonNull(onnxBytes, "onnxBytes == null");
            Objects.requireNonNull(name, "name == null");
            if (onnxBytes.length == 0) {
                throw new IllegalArgumentException("onnxBytes must not be empty (model " + name + ")");
            }
            this.modelBytes = onnxBytes.clone();
            this.modelName = name;
            return this;
        }

        /**
         * @param name the output holding the features (rank 2, or higher and flattened per image)
         * @return this builder
         */
        public Builder featuresOutput(String name) {
            this.featuresOutput = requireName(name, "featuresOutput");
            return this;
        }

        /**
         * @param name the output holding the class logits
         * @return this builder
         */
        public Builder logitsOutput(String name) {
            this.logitsOutput = requireName(name, "logitsOutput");
            return this;
        }

        /**
         * @param low  the pixel value the model expects for black (images' -1)
         * @param high the pixel value the model expects for white (images' 1), &gt; low
         * @return this builder
         */
        public Builder inputRange(double low, double high) {
            if (!Double.isFinite(low) || !Double.isFinite(high) || high <= low) {
                throw new IllegalArgumentException("inputRange must be finite with low < high but was [" + low + ", " + high + "]");
            }
            this.low = low;
            this.high = high;
            return this;
        }

        /**
         * Sets the size images are resized to, needed only when the model's input height and width are dynamic.
         *
         * @param height the model's input height, &gt;= 1
         * @param width  the model's input width, &gt;= 1
         * @return this builder
         */
        public Builder inputSize(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("inputSize must be >= 1 x 1 but was " + height + " x " + width);
            }
            this.height = height;
            this.width = width;
            return this;
        }

        /**
         * @param images images per onnxruntime call, &gt;= 1 (default 50)
         * @return this builder
         */
        public Builder batchSize(int images) {
            if (images < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1 but was " + images);
            }
            this.batchSize = images;
            return this;
        }

        /**
         * @param count onnxruntime's intra-op threads, &gt;= 1 (default: the available processors)
         * @return this builder
         */
        public Builder threads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("threads must be >= 1 but was " + count);
            }
            this.threads = count;
            return this;
        }

        private static String requireName(String name, String parameter) {
            Objects.requireNonNull(name, parameter + " == null");
            if (name.isBlank()) {
                throw new IllegalArgumentException(parameter + " must not be blank");
            }
            return name;
        }

        /**
         * Opens the model and checks it: one float input [n, 1 or 3, h, w], both outputs present.
         *
         * @return the extractor (close it to free the native session)
         */
        public OnnxFeatureExtractor build() {
            if (modelBytes == null) {
                throw new IllegalStateException("missing: model");
            }
            OnnxModel model = open();
            try {
                Shape shape = checkedInputShape(model);
                List<String> missing = new ArrayList<>();
                for (String output : List.of(featuresOutput, logitsOutput)) {
                    if (!model.outputs().contains(output)) {
                        missing.add(output);
                    }
                }
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("model " + modelName + " has no output named " + String.join(", ", missing)
                            + "; its outputs are " + model.outputs());
                }
                return new OnnxFeatureExtractor(this, model, shape);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }

        private OnnxModel open() {
            try {
                return new OnnxModel(modelBytes, modelName, threads);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                throw new IllegalStateException("the onnxruntime native library is missing: add "
                        + "org.bytedeco:onnxruntime:1.10.0-1.5.7 and org.bytedeco:dnnl:2.5.2-1.5.7 with your platform's "
                        + "classifier (e.g. linux-x86_64) to the application", e);
            }
        }

        private Shape checkedInputShape(OnnxModel model) {
            long[] declared = model.inputShape();
            if (declared.length != 4 || (declared[1] != 1 && declared[1] != 3)) {
                throw new IllegalArgumentException("model " + modelName + " must take images [n, 1 or 3, h, w] but its input "
                        + model.input() + " is " + Arrays.toString(declared));
            }
            long h = declared[2] > 0 ? declared[2] : height;
            long w = declared[3] > 0 ? declared[3] : width;
            if (height > 0 && (height != h || width != w)) {
                throw new IllegalArgumentException("inputSize " + height + " x " + width + " differs from the model's input "
                        + Arrays.toString(declared));
            }
            if (h <= 0 || w <= 0) {
                throw new IllegalArgumentException("model " + modelName + " has a dynamic input size "
                        + Arrays.toString(declared) + ": set inputSize(height, width)");
            }
            return Shape.of(declared[1], h, w);
        }
    }
}
