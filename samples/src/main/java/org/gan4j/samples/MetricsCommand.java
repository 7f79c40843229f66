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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** FID, IS, KID and precision/recall between two sets of 28×28 grayscale images. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Computes FID, KID and precision/recall between --real and --fake, and the Inception Score of --fake,",
                "with the features and logits of gan-metrics' bundled Fashion-MNIST classifier.",
                "Each set is an IDX image file (gzip or raw) or a folder of 28x28 PNG files (read as grayscale)."})
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

    @Override
    public Integer call() {
        INDArray realImages;
        INDArray fakeImages;
        try {
            realImages = read(real);
            fakeImages = read(fake);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            LOG.error(e.getMessage());
            return 1;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("real", real.toString());
        figures.put("fake", fake.toString());
        figures.put("real_count", realImages.size(0));
        figures.put("fake_count", fakeImages.size(0));
        figures.putAll(SampleMetrics.between(realImages, fakeImages, seed));
        figures.forEach((k, v) -> LOG.info("{} = {}", k, v));
        if (out != null) {
            OutputFiles.writeJson(out, figures);
        }
        return 0;
    }

    static INDArray read(Path path) {
        if (Files.isDirectory(path)) {
            return readPngs(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " is neither an IDX file nor a folder of PNG files");
        }
        IdxImages images = IdxImages.read(path);
        if (images.imageShape().dim(1) != 28 || images.imageShape().dim(2) != 28) {
            throw new IllegalArgumentException(path + " holds " + images.imageShape() + " images but the classifier needs 28x28");
        }
        return images.toArray();
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
        float[] values = new float[files.size() * 784];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image;
            try {
                image = ImageIO.read(files.get(i).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + files.get(i), e);
            }
            if (image == null || image.getWidth() != 28 || image.getHeight() != 28) {
                throw new IllegalArgumentException(files.get(i) + " is not a 28x28 image");
            }
            // a one-band PNG is read from its raster: getRGB would convert linear gray to sRGB
            boolean gray = image.getRaster().getNumBands() == 1;
            float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float level;
                    if (gray) {
                        level = image.getRaster().getSample(x, y, 0) / max;
                    } else {
                        int rgb = image.getRGB(x, y);
                        level = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / (3 * 255f);
                    }
                    values[i * 784 + y * 28 + x] = 2f * level - 1f;
                }
            }
        }
        return Nd4j.create(values, new long[] {files.size(), 1, 28, 28}, 'c');
    }
}
