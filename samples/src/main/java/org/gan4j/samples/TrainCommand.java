package org.gan4j.samples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.data.ImageFolder;
import org.gan4j.data.SampleCursor;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.dl4j.TrainedGan;
import org.gan4j.dl4j.listeners.HtmlReportListener;
import org.gan4j.dl4j.listeners.ProgressBarListener;
import org.gan4j.dl4j.listeners.SampleGridListener;
import org.gan4j.losses.HingeLoss;
import org.gan4j.losses.LeastSquaresLoss;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.metrics.FeatureMetricsListener;
import org.gan4j.metrics.onnx.OnnxFeatureExtractor;
import org.gan4j.optim.OptimizerSpec;
import org.gan4j.zoo.Dcgan;
import org.gan4j.zoo.Sngan;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a GAN on a folder of the user's own images. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a DCGAN or SNGAN on a folder of PNG/JPEG images (recursive; --conditional: one class per",
                "sub-folder) at --size (a power of two) and --channels, after validating the folder; writes sample",
                "grids, report.html, losses.csv, checkpoints, generator.zip (with the class names) and summary.json;",
                "FID/IS with --inception m.onnx; mode coverage for the coloured-shapes data (docs/your-own-images.md)."})
final class TrainCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "the image folder")
    Path data;

    @Option(names = "--size", description = "image side, a power of two in [8, 256] (default ${DEFAULT-VALUE})")
    int size = 32;

    @Option(names = "--channels", description = "1 (gray) or 3 (RGB) (default ${DEFAULT-VALUE})")
    int channels = 3;

    @Option(names = "--model", description = "dcgan or sngan (default ${DEFAULT-VALUE})")
    String model = "dcgan";

    @Option(names = "--width", description = "maps of the networks' outer layers (default ${DEFAULT-VALUE})")
    int width = 32;

    @Option(names = "--loss", description = "ns, hinge or lsgan (default: ns for dcgan, hinge for sngan)")
    String loss;

    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    long steps = 2_000;

    @Option(names = "--batch-size", description = "batch size (default ${DEFAULT-VALUE})")
    int batchSize = 32;

    @Option(names = "--lr", description = "Adam's learning rate for both networks (default ${DEFAULT-VALUE})")
    double learningRate = 2e-4;

    @Option(names = "--conditional", description = "condition on the first-level sub-folders as classes")
    boolean conditional;

    @Option(names = "--ema", description = "generator EMA decay, 0 for none (default ${DEFAULT-VALUE})")
    double ema = 0;

    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--grid-every", description = "sample grid every N steps (default ${DEFAULT-VALUE})")
    int gridEvery = 500;

    @Option(names = "--checkpoint-every", description = "checkpoint every N steps, 0 for none (default ${DEFAULT-VALUE})")
    int checkpointEvery = 1_000;

    @Option(names = "--inception", description = "an InceptionV3 ONNX file for FID/IS (docs/metrics.md)")
    Path inception;

    @Option(names = "--metrics-every", description = "FID/IS every N steps with --inception, 0: at the end only"
            + " (default ${DEFAULT-VALUE})")
    int metricsEvery = 0;

    @Option(names = "--metric-samples", description = "generated (and real) images for the metrics and the shapes"
            + " coverage (default ${DEFAULT-VALUE})")
    int metricSamples = 2_000;

    @Option(names = "--strict", description = "refuse the folder at the first unreadable image instead of skipping it")
    boolean strict;

    @Option(names = "--cache", description = "directory of the decoded-image cache (default: java.io.tmpdir)")
    Path cache;

    @Option(names = "--progress", description = "draw a console progress bar (steps/s, ETA, losses)")
    boolean progress;

    @Option(names = "--out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "train");

    @Override
    public Integer call() {
        OptionChecks checks = OptionChecks.of(spec).oneOf("--model", model, "dcgan", "sngan").within("--channels", channels, 1, 3)
                .atLeast("--steps", steps, 1).within("--batch-size", batchSize, 1, 4_096).within("--width", width, 1, 1_024)
                .positive("--lr", learningRate).decay("--ema", ema).atLeast("--grid-every", gridEvery, 1)
                .atLeast("--checkpoint-every", checkpointEvery, 0).atLeast("--metrics-every", metricsEvery, 0)
                .within("--metric-samples", metricSamples, 10, 100_000);
        if (channels == 2) {
            throw checks.fail("--channels must be 1 (gray) or 3 (RGB) but was 2");
        }
        if (size < 8 || size > 256 || Integer.bitCount(size) != 1) {
            throw checks.fail("--size must be a power of two in [8, 256] for the " + model + " networks but was " + size);
        }
        String lossName = loss != null ? loss : model.equals("sngan") ? "hinge" : "ns";
        checks.oneOf("--loss", lossName, "ns", "hinge", "lsgan");
        ImageFolder folder = readFolder(checks);
        int classes = conditional ? folder.classes() : 0;
        Generator generator = Dcgan.generator(size, channels, width, classes);
        Discriminator discriminator = model.equals("sngan") ? Sngan.discriminator(size, channels, width, classes)
                : Dcgan.discriminator(size, channels, width, classes);
        GanTrainer.Builder trainer = GanTrainer.builder().generator(generator).discriminator(discriminator)
                .loss(switch (lossName) {
                    case "hinge" -> new HingeLoss();
                    case "lsgan" -> new LeastSquaresLoss();
                    default -> new NonSaturatingLoss();
                })
                .generatorOptimizer(OptimizerSpec.adam(learningRate, 0.5, 0.999))
                .discriminatorOptimizer(OptimizerSpec.adam(learningRate, 0.5, 0.999))
                .data(folder).batchSize(batchSize).steps(steps).seed(seed)
                .listener(new SampleGridListener(out, gridEvery, 64, 8, seed))
                .listener(new HtmlReportListener(out, gridEvery, inception != null && metricsEvery > 0
                        ? "FID and IS of " + metricSamples + " generated images against up to as many images of " + data
                        + ", InceptionV3"
                        + " from " + inception : "losses only during training"));
        if (ema > 0) {
            trainer.generatorEma(ema, 0);
        }
        if (checkpointEvery > 0) {
            trainer.checkpoints(out.resolve("checkpoints"), checkpointEvery, 2);
        }
        if (progress) {
            trainer.listener(new ProgressBarListener());
        }
        OnnxFeatureExtractor extractor = inception == null ? null : OnnxFeatureExtractor.inceptionV3(inception);
        try {
            INDArray real = extractor == null ? null : firstImages(folder, metricSamples);
            if (extractor != null && metricsEvery > 0) {
                trainer.listener(new FeatureMetricsListener(extractor, real, metricsEvery, metricSamples));
            }
            StepTimer timer = new StepTimer(steps, 25);
            trainer.listener(timer);
            long t0 = System.nanoTime();
            TrainedGan gan = trainer.build().fit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            GeneratorModel model = conditional ? gan.generator().withClassNames(folder.classNames()) : gan.generator();
            model.save(out.resolve("generator.zip"));
            OutputFiles.writeLosses(out.resolve("losses.csv"), gan.history());
            Map<String, Object> summary = summary(folder, lossName, seconds, timer, gan);
            INDArray samples = gan.sample(metricSamples);
            if (extractor != null) {
                summary.put("metrics", SampleMetrics.between(extractor, real, samples, seed));
            }
            if (ShapesCoverage.isShapesData(data, channels, size)) {
                summary.put("shapes_coverage", ShapesCoverage.of(samples));
            }
            OutputFiles.writeJson(out.resolve("summary.json"), summary);
            LOG.info("done in {} s ({} ms/step median); wrote {}", String.format("%.1f", seconds),
                    String.format("%.0f", timer.medianMillis()), out.toAbsolutePath());
            return 0;
        } finally {
            if (extractor != null) {
                extractor.close();
            }
        }
    }

    private ImageFolder readFolder(OptionChecks checks) {
        ImageFolder.Builder builder = ImageFolder.builder(data).size(size).channels(channels);
        if (conditional) {
            builder.labelsFromSubfolders();
        }
        if (strict) {
            builder.strict();
        }
        if (cache != null) {
            builder.cacheDirectory(cache);
        }
        ImageFolder folder;
        try {
            folder = builder.build();
        } catch (IllegalArgumentException e) {
            throw checks.fail("--data: " + e.getMessage());
        }
        List<String> skipped = folder.skipped();
        System.out.printf("%s: %d images read as %dx%dx%d%s; %d unreadable skipped, %d other files ignored%n", data,
                folder.count(), channels, size, size, conditional ? " in " + folder.classes() + " classes "
                        + folder.classNames() : "", skipped.size(), folder.ignored());
        skipped.stream().limit(5).forEach(s -> System.out.println("  skipped " + s));
        if (folder.count() < batchSize) {
            throw checks.fail("--batch-size " + batchSize + " is more than the folder's " + folder.count() + " images");
        }
        return folder;
    }

    private static INDArray firstImages(ImageFolder folder, int limit) {
        int n = Math.min(limit, folder.count());
        int sample = Math.toIntExact(folder.sampleShape().size());
        float[] values = new float[n * sample];
        SampleCursor cursor = folder.open(0);
        for (int i = 0; i < n && cursor.next(values, i * sample); i++) {
            continue;
        }
        return Nd4j.create(values, folder.sampleShape().withBatch(n));
    }

    private Map<String, Object> summary(ImageFolder folder, String lossName, double seconds, StepTimer timer,
                                        TrainedGan gan) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("data", data.toString());
        summary.put("images", folder.count());
        summary.put("skipped", folder.skipped());
        summary.put("classes", folder.classNames());
        summary.put("sample_shape", folder.sampleShape().dims());
        summary.put("model", model);
        summary.put("width", width);
        summary.put("loss", lossName);
        summary.put("conditional", conditional);
        summary.put("steps", gan.history().size());
        summary.put("batch_size", batchSize);
        summary.put("seed", seed);
        summary.put("seconds_total", seconds);
        summary.put("ms_per_step_median", timer.medianMillis());
        summary.put("versions", org.gan4j.dl4j.BuildInfo.versions());
        return summary;
    }
}
