package org.gan4j.samples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.data.IdxImages;
import org.gan4j.metric.FeatureExtractor;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.metrics.onnx.OnnxFeatureExtractor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** FID, IS, KID and precision/recall between two sets of images. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Computes FID, KID and precision/recall between --real and --fake, and the Inception Score of --fake,",
                "with the features and logits of gan-metrics' bundled Fashion-MNIST classifier (28x28 images), or of",
                "an InceptionV3 ONNX file given with --inception (any size; see docs/metrics.md for the export).",
                "Each set is an IDX image file (gzip or raw) or a folder of PNG files of one size (read as grayscale)."})
final class MetricsCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsCommand.class);

    @Option(names = "--real", required = true, description = "real images: IDX file or folder of PNGs")
    Path real;

    @Option(names = "--fake", required = true, description = "generated images: IDX file or folder of PNGs")
    Path fake;

    @Option(names = "--seed", description = "seed of the KID subsets and the IS shuffle (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--out", description = "optional JSON file for the figures")
    Path out;

    @Option(names = "--inception", description = "an InceptionV3 ONNX file (pool3 and logits outputs) instead of the bundled classifier")
    Path inception;

    @Override
    public Integer call() {
        FeatureExtractor extractor = null;
        try {
            extractor = inception == null ? FashionMnistClassifier.bundled() : OnnxFeatureExtractor.inceptionV3(inception);
            boolean anySize = inception != null;
            INDArray realImages = read(real, anySize);
            INDArray fakeImages = read(fake, anySize);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("real", real.toString());
            figures.put("fake", fake.toString());
            figures.put("real_count", realImages.size(0));
            figures.put("fake_count", fakeImages.size(0));
            figures.put("extractor", extractor.toString());
            figures.putAll(SampleMetrics.between(extractor, realImages, fakeImages, seed));
            figures.forEach((k, v) -> LOG.info("{} = {}", k, v));
            if (out != null) {
                OutputFiles.writeJson(out, figures);
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            LOG.error(e.getMessage());
            return 1;
        } finally {
            if (extractor instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("cannot close {}: {}", closeable, e.getMessage());
        }
    }

    /**
     * @param anySize false to require 28x28 images (the bundled classifier)
     */
    static INDArray read(Path path, boolean anySize) {
        INDArray images;
        if (Files.isDirectory(path)) {
            images = readPngs(path);
        } else if (Files.isRegularFile(path)) {
            images = IdxImages.read(path).toArray();
        } else {
            throw new IllegalArgumentException(path + " is neither an IDX file nor a folder of PNG files");
        }
        if (!anySize && (images.size(2) != 28 || images.size(3) != 28)) {
            throw new IllegalArgumentException(path + " holds " + images.size(2) + "x" + images.size(3)
                    + " images but the classifier needs 28x28");
        }
        return images;
    }

    static INDArray readPngs(Path folder) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + " holds no PNG files");
        }
        int height = -1;
        int width = -1;
        float[] values = null;
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image;
            try {
                image = ImageIO.read(files.get(i).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + files.get(i), e);
            }
            if (image == null) {
                throw new IllegalArgumentException(files.get(i) + " is not a readable image");
            }
            if (values == null) {
                height = image.getHeight();
                width = image.getWidth();
                values = new float[Math.multiplyExact(files.size(), height * width)];
            } else if (image.getWidth() != width || image.getHeight() != height) {
                throw new IllegalArgumentException(files.get(i) + " is " + image.getWidth() + "x" + image.getHeight()
                        + " but " + files.get(0) + " is " + width + "x" + height);
            }
            // a one-band PNG is read from its raster: getRGB would convert linear gray to sRGB
            boolean gray = image.getRaster().getNumBands() == 1;
            float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float level;
                    if (gray) {
                        level = image.getRaster().getSample(x, y, 0) / max;
                    } else {
                        int rgb = image.getRGB(x, y);
                        level = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / (3 * 255f);
                    }
                    values[(i * height + y) * width + x] = 2f * level - 1f;
                }
            }
        }
        return Nd4j.create(values, new long[] {files.size(), 1, height, width}, 'c');
    }
}
