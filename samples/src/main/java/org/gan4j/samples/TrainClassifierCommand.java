package org.gan4j.samples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.data.FashionMnist;
import org.gan4j.dl4j.io.AtomicFiles;
import org.gan4j.metrics.FashionMnistClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains the Fashion-MNIST classifier that gan-metrics ships, and reports its test accuracy. */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = {"Trains gan-metrics' Fashion-MNIST classifier on the full training set (--data) and writes it to --out;",
                "prints the accuracy on the 10,000 test images."})
final class TrainClassifierCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainClassifierCommand.class);

    @Option(names = "--data", description = "directory with the Fashion-MNIST IDX files (default ${DEFAULT-VALUE})")
    Path data = Path.of(FashionMnist.DEBIAN_DIRECTORY);

    @Option(names = "--bundled", description = "train on the bundled 4,000 images and test on the bundled 2,000 (a quick check; the shipped model is trained on the full set)")
    boolean bundled;

    @Option(names = "--epochs", description = "passes over the training set (default ${DEFAULT-VALUE})")
    int epochs = 3;

    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--out", description = "model file (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "fashion-mnist-classifier.samediff");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.of(spec).atLeast("--epochs", epochs, 1);
        if (!bundled && !FashionMnist.isPresent(data)) {
            LOG.error("the full Fashion-MNIST set is needed in {} (apt-get install dataset-fashion-mnist), or use --bundled", data);
            return 1;
        }
        long t0 = System.nanoTime();
        FashionMnistClassifier classifier = bundled
                ? FashionMnistClassifier.train(FashionMnist.bundledImages().toArray(), FashionMnist.bundledLabels(), epochs, seed)
                : FashionMnistClassifier.train(FashionMnist.trainingImages(data).toArray(), FashionMnist.trainingLabels(data), epochs, seed);
        double accuracy = bundled
                ? classifier.accuracy(FashionMnist.bundledTestImages().toArray(), FashionMnist.bundledTestLabels())
                : classifier.accuracy(FashionMnist.testImages(data).toArray(), FashionMnist.testLabels(data));
        AtomicFiles.write(out, classifier.toBytes());
        LOG.info("trained in {} s; test accuracy {} on {} images; wrote {}",
                String.format("%.0f", (System.nanoTime() - t0) / 1e9), String.format("%.4f", accuracy),
                bundled ? "2,000 bundled test" : "10,000 test", out.toAbsolutePath());
        return bundled || accuracy >= 0.9 ? 0 : 1;
    }
}
