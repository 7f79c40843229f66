package org.gan4j.samples;

import java.nio.file.Path;
import org.gan4j.data.FashionMnist;
import org.gan4j.data.IdxImages;
import picocli.CommandLine.Option;

/**
 * The {@code --data} and {@code --bundled} options shared by the Fashion-MNIST programs: the full set from a directory
 * when it is there, else the subset bundled with gan4j.
 */
final class FashionMnistData {
    @Option(names = "--data", description = "directory with the Fashion-MNIST IDX files (default ${DEFAULT-VALUE})")
    Path data = Path.of(FashionMnist.DEBIAN_DIRECTORY);

    @Option(names = "--bundled", description = "use the bundled subset (4,000 training, 2,000 test images) even when --data"
            + " has the full set")
    boolean bundled;

    /** @return whether the full set is used */
    boolean full() {
        return !bundled && FashionMnist.isPresent(data);
    }

    IdxImages trainingImages() {
        return full() ? FashionMnist.trainingImages(data) : FashionMnist.bundledImages();
    }

    int[] trainingLabels() {
        return full() ? FashionMnist.trainingLabels(data) : FashionMnist.bundledLabels();
    }

    IdxImages testImages() {
        return full() ? FashionMnist.testImages(data) : FashionMnist.bundledTestImages();
    }

    int[] testLabels() {
        return full() ? FashionMnist.testLabels(data) : FashionMnist.bundledTestLabels();
    }

    /** @return where the images come from, for logs and summaries */
    String source() {
        return full() ? data.toString() : "bundled Fashion-MNIST subset";
    }
}
