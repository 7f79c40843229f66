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

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec command;

    /**
     * @return whether the full set is used: when {@code --data} holds it, else the bundled subset, unless
     *         {@code --data} was given explicitly (then a folder without the set is a usage error, not a fallback)
     */
    boolean full() {
        if (bundled) {
            return false;
        }
        boolean present = FashionMnist.isPresent(data);
        if (!present && command != null && command.commandLine().getParseResult().hasMatchedOption("--data")) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--data " + data
                    + " does not hold the Fashion-MNIST IDX files (train-images-idx3-ubyte.gz and the other three); leave"
                    + " --data out to use " + FashionMnist.DEBIAN_DIRECTORY + " when installed, else the bundled subset");
        }
        return present;
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
