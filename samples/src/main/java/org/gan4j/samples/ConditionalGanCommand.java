package org.gan4j.samples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.data.IdxImages;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.TrainedGan;
import org.gan4j.dl4j.listeners.ImageGrid;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.optim.OptimizerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A conditional GAN on Fashion-MNIST, measured by whether the bundled classifier sees the requested class. */
@Command(name = "cgan", mixinStandardHelpOptions = true,
        description = {"Trains a conditional GAN (Mirza and Osindero 2014; DCGAN or MLP networks, the one-hot class joined",
                "to z and to the image) on labelled Fashion-MNIST (the full set from --data when present, else the bundled",
                "4,000 images) and writes to --out: classes.png (one row per class), losses.csv, generator.zip and",
                "summary.json with the share of conditional samples that gan-metrics' bundled classifier assigns to",
                "the requested class, per class and averaged."})
final class ConditionalGanCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionalGanCommand.class);
    static final int CLASSES = 10;

    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    long steps = 2500;

    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @picocli.CommandLine.Mixin
    FashionMnistData fashionMnist = new FashionMnistData();

    @Option(names = "--samples-per-class", description = "conditional samples per class for the accuracy (default ${DEFAULT-VALUE})")
    int perClass = 200;

    @Option(names = "--arch", description = "dcgan or mlp networks (default ${DEFAULT-VALUE})")
    String arch = "dcgan";

    @Option(names = "--out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "cgan");

    /** The conditional DCGAN: the one-hot class joined to z, and as 10 constant planes after the image's channel. */
    static Generator dcganGenerator() {
        return Generator.builder().latent(LatentSpace.gaussian(64)).conditional(CLASSES)
                .dense(128 * 7 * 7).withoutBias().reshape(128, 7, 7).batchNorm().relu()
                .deconv2d(64, 4, 2, 1).withoutBias().batchNorm().relu()
                .deconv2d(1, 4, 2, 1).tanh()
                .build();
    }

    static Discriminator dcganDiscriminator() {
        return Discriminator.builder().input(1, 28, 28).conditional(CLASSES)
                .conv2d(64, 4, 2, 1).leakyRelu(0.2)
                .conv2d(128, 4, 2, 1).withoutBias().batchNorm().leakyRelu(0.2)
                .flatten().dense(1)
                .build();
    }

    static GanTrainer.Builder trainer(String arch, IdxImages images, int[] labels, long steps, long seed) {
        boolean dcgan = switch (arch) {
            case "dcgan" -> true;
            case "mlp" -> false;
            default -> throw new IllegalArgumentException("--arch must be dcgan or mlp but was " + arch);
        };
        return GanTrainer.builder()
                .generator(dcgan ? dcganGenerator() : Generator.builder().latent(LatentSpace.gaussian(64)).conditional(CLASSES)
                        .dense(256).leakyRelu(0.2).dense(512).leakyRelu(0.2).dense(784).tanh().reshape(1, 28, 28)
                        .build())
                .discriminator(dcgan ? dcganDiscriminator() : Discriminator.builder().input(1, 28, 28).conditional(CLASSES)
                        .flatten().dense(512).leakyRelu(0.2).dense(256).leakyRelu(0.2).dense(1)
                        .build())
                .loss(new NonSaturatingLoss())
                .generatorOptimizer(OptimizerSpec.adam(2e-4, 0.5, 0.999))
                .discriminatorOptimizer(OptimizerSpec.adam(2e-4, 0.5, 0.999))
                .data(images.toDataSource().withLabels(labels, CLASSES))
                .batchSize(64).steps(steps).seed(seed);
    }

    /** @return per-class shares of samples the classifier assigns to the requested class, then their mean */
    static double[] classAccuracy(TrainedGan gan, int perClass) {
        FashionMnistClassifier classifier = FashionMnistClassifier.bundled();
        double[] result = new double[CLASSES + 1];
        for (int c = 0; c < CLASSES; c++) {
            int[] labels = new int[perClass];
            java.util.Arrays.fill(labels, c);
            result[c] = classifier.accuracy(gan.sample(labels), labels);
            result[CLASSES] += result[c] / CLASSES;
        }
        return result;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.of(spec).atLeast("--steps", steps, 1).atLeast("--samples-per-class", perClass, 1);
        IdxImages images = fashionMnist.trainingImages();
        int[] labels = fashionMnist.trainingLabels();
        LOG.info("conditional GAN on {} labelled Fashion-MNIST images ({}), {} steps, output in {}", images.count(),
                fashionMnist.source(), steps, out.toAbsolutePath());
        StepTimer timer = new StepTimer(steps, 100);
        long t0 = System.nanoTime();
        TrainedGan gan = trainer(arch, images, labels, steps, seed).listener(timer).build().fit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        int[] rows = new int[CLASSES * CLASSES];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i / CLASSES;
        }
        INDArray grid = gan.sample(rows);
        ImageGrid.writePng(grid, CLASSES, out.resolve("classes.png"));
        gan.save(out.resolve("generator.zip"));
        OutputFiles.writeLosses(out.resolve("losses.csv"), gan.history());
        double[] accuracy = classAccuracy(gan, perClass);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", "conditional " + arch + " GAN, one-hot class joined to z and to the image (classes.png: one row per class)");
        summary.put("data", fashionMnist.source());
        summary.put("images", images.count());
        summary.put("steps", steps);
        summary.put("seed", seed);
        summary.put("seconds_total", seconds);
        summary.put("samples_per_class", perClass);
        Map<String, Object> perClassAccuracy = new LinkedHashMap<>();
        for (int c = 0; c < CLASSES; c++) {
            perClassAccuracy.put(Integer.toString(c), accuracy[c]);
        }
        summary.put("class_accuracy", perClassAccuracy);
        summary.put("mean_class_accuracy", accuracy[CLASSES]);
        OutputFiles.writeJson(out.resolve("summary.json"), summary);
        LOG.info("done in {} s; the classifier assigns the requested class to {}% of conditional samples (mean over 10 classes)",
                String.format("%.1f", seconds), String.format("%.1f", 100 * accuracy[CLASSES]));
        return 0;
    }
}
