package org.gan4j.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.data.IdxImages;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.TrainedGan;
import org.gan4j.dl4j.listeners.HtmlReportListener;
import org.gan4j.dl4j.listeners.ProgressBarListener;
import org.gan4j.dl4j.listeners.SampleGridListener;
import org.gan4j.augment.AdaptiveAugmentation;
import org.gan4j.augment.DiffAugment;
import org.gan4j.data.FashionMnist;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.metrics.FeatureMetricsListener;
import org.gan4j.optim.OptimizerSpec;
import org.gan4j.zoo.Dcgan;
import org.gan4j.zoo.Sngan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The main job: a DCGAN trained on Fashion-MNIST, writing sample grids, the loss history and a run summary. */
@Command(name = "dcgan", mixinStandardHelpOptions = true,
        description = {"Trains the DCGAN of docs/getting-started.md on Fashion-MNIST (the full set from --data when present,",
                "else the 4,000-image subset bundled with gan4j) and writes to --out:",
                "samples-step-NNNNNN.png, samples-final.png, losses.csv, generator.zip, report.html, run.json,",
                "and summary.json with",
                "IS, FID, KID and precision/recall of 2,000 samples against 2,000 held-out test images",
                "(features and logits of gan-metrics' bundled Fashion-MNIST classifier)."})
final class DcganFashionMnist implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DcganFashionMnist.class);

    @Option(names = "--steps", description = "training steps (one D and one G update each; default ${DEFAULT-VALUE})")
    long steps = 4000;

    @Option(names = "--time-limit", description = "stop after the step that ends past this many seconds of training, even"
            + " before --steps (0: none; default ${DEFAULT-VALUE})")
    long timeLimit = 0;

    @Option(names = "--batch-size", description = "batch size (default ${DEFAULT-VALUE})")
    int batchSize = 32;

    @Option(names = "--seed", description = "seed of weights, latents and shuffling (default ${DEFAULT-VALUE})")
    long seed = 7;

    @picocli.CommandLine.Mixin
    FashionMnistData fashionMnist = new FashionMnistData();

    @Option(names = "--grid-every", description = "write a sample grid every N steps (default ${DEFAULT-VALUE})")
    int gridEvery = 100;

    @Option(names = "--progress", description = "draw a console progress bar (steps/s, ETA, losses)")
    boolean progress;

    @Option(names = "--checkpoint-every", description = "write a resumable checkpoint every N steps into <out>/checkpoints (0: none; default ${DEFAULT-VALUE})")
    int checkpointEvery = 0;

    @Option(names = "--model", description = "dcgan (DCGAN, non-saturating loss), sn-dcgan (DCGAN generator, spectrally"
            + " normalized DCGAN discriminator, hinge loss) or sngan (zoo.Sngan, hinge loss); default ${DEFAULT-VALUE}")
    String model = "dcgan";

    @Option(names = "--augment", description = "none, diffaugment (colour, translation, cutout) or ada (the same ops with"
            + " ADA's adaptive probability, target 0.6, p from 0 to 1 over --ada-speed images); default ${DEFAULT-VALUE}")
    String augment = "none";

    @Option(names = "--ada-speed", description = "images over which ADA's p can move from 0 to 1 (default ${DEFAULT-VALUE})")
    long adaSpeed = 100_000;

    @Option(names = "--train-images", description = "train on the first N training images only (0: all; default ${DEFAULT-VALUE})")
    int trainImages = 0;

    @Option(names = "--metrics-every", description = "record FID and IS of 2,000 samples against the 2,000 bundled test"
            + " images every N steps, shown in the report (0: only at the end; default ${DEFAULT-VALUE})")
    int metricsEvery = 1000;

    @Option(names = "--lr", description = "Adam learning rate of both networks, β1 0.5, β2 0.999 (default ${DEFAULT-VALUE})")
    double learningRate = 2e-4;

    @Option(names = "--ema", description = "decay of the generator's weight average used for samples and metrics"
            + " (0: none; default ${DEFAULT-VALUE})")
    double ema = 0;

    @Option(names = "--out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "dcgan");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.of(spec).atLeast("--steps", steps, 1).atLeast("--batch-size", batchSize, 1)
                .atLeast("--grid-every", gridEvery, 1).atLeast("--checkpoint-every", checkpointEvery, 0)
                .decay("--ema", ema).atLeast("--train-images", trainImages, 0).atLeast("--ada-speed", adaSpeed, 1)
                .atLeast("--metrics-every", metricsEvery, 0).atLeast("--time-limit", timeLimit, 0)
                .positive("--lr", learningRate).oneOf("--model", model, "dcgan", "sn-dcgan", "sngan")
                .oneOf("--augment", augment, "none", "diffaugment", "ada");
        IdxImages all = fashionMnist.trainingImages();
        IdxImages images = trainImages > 0 && trainImages < all.count() ? all.first(trainImages) : all;
        LOG.info("{} on {} Fashion-MNIST images ({}), {} steps of batch {}, output in {}", model, images.count(),
                fashionMnist.source(), steps, batchSize, out.toAbsolutePath());
        StepTimer timer = new StepTimer(steps, 25);
        long t0 = System.nanoTime();
        GanTrainer.Builder trainer = GanTrainer.builder();
        switch (model) {
            case "dcgan" -> trainer.generator(Dcgan.generator()).discriminator(Dcgan.discriminator());
            case "sn-dcgan" -> trainer.generator(Dcgan.generator()).discriminator(Dcgan.spectralNormDiscriminator())
                    .loss(new org.gan4j.losses.HingeLoss());
            case "sngan" -> trainer.generator(Sngan.generator()).discriminator(Sngan.discriminator())
                    .loss(new org.gan4j.losses.HingeLoss());
            default -> throw new IllegalStateException("unchecked --model " + model);
        }
        trainer
                .generatorOptimizer(OptimizerSpec.adam(learningRate, 0.5, 0.999))
                .discriminatorOptimizer(OptimizerSpec.adam(learningRate, 0.5, 0.999))
                .data(images.toDataSource())
                .batchSize(batchSize).steps(steps).seed(seed)
                .listener(timer);
        if (metricsEvery > 0) {
            trainer.listener(new FeatureMetricsListener(FashionMnistClassifier.bundled(),
                    FashionMnist.bundledTestImages().toArray(), metricsEvery, SampleMetrics.SAMPLES));
        }
        trainer.listener(new SampleGridListener(out, gridEvery, 64, 8, seed))
                .listener(new HtmlReportListener(out, gridEvery, metricsEvery > 0 ? SampleMetrics.DURING_TRAINING
                        : "losses only during training; final IS/FID/KID/PR in summary.json"));
        switch (augment) {
            case "none" -> { }
            case "diffaugment" -> trainer.augment(DiffAugment.colorTranslationCutout());
            case "ada" -> trainer.augment(DiffAugment.colorTranslationCutout())
                    .adaptiveAugmentation(AdaptiveAugmentation.paper().withSpeed(adaSpeed));
            default -> throw new IllegalStateException("unchecked --augment " + augment);
        }
        if (timeLimit > 0) {
            trainer.timeLimit(java.time.Duration.ofSeconds(timeLimit));
        }
        if (ema > 0) {
            trainer.generatorEma(ema, 0);
        }
        if (progress) {
            trainer.listener(new ProgressBarListener());
        }
        if (checkpointEvery > 0) {
            trainer.checkpoints(out.resolve("checkpoints"), checkpointEvery, 2);
        }
        TrainedGan gan = trainer.build().fit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        gan.save(out.resolve("generator.zip"));
        OutputFiles.writeLosses(out.resolve("losses.csv"), gan.history());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", model);
        summary.put("data", fashionMnist.source());
        summary.put("images", images.count());
        summary.put("steps", gan.history().size());
        summary.put("batch_size", batchSize);
        summary.put("seed", seed);
        summary.put("augment", augment);
        summary.put("ema", ema);
        summary.put("learning_rate", learningRate);
        summary.put("seconds_total", seconds);
        summary.put("versions", org.gan4j.dl4j.BuildInfo.versions());
        summary.put("ms_per_step_median", timer.medianMillis());
        var last = gan.history().steps().get(gan.history().size() - 1);
        summary.put("final_discriminator_loss", last.discriminatorLoss());
        summary.put("final_generator_loss", last.generatorLoss());
        summary.put("metrics", SampleMetrics.of(gan.sample(SampleMetrics.SAMPLES), seed));
        java.util.List<Map<String, Object>> curve = new java.util.ArrayList<>();
        var inceptionScores = gan.history().metric(FeatureMetricsListener.INCEPTION_SCORE);
        var fids = gan.history().metric(FeatureMetricsListener.FID);
        for (int i = 0; i < fids.size(); i++) {
            curve.add(Map.of("step", fids.get(i).step(), "fid", fids.get(i).value(), "inception_score",
                    inceptionScores.get(i).value()));
        }
        summary.put("during_training", curve);
        OutputFiles.writeJson(out.resolve("summary.json"), summary);
        LOG.info("done in {} s ({} ms/step median); wrote {}", String.format("%.1f", seconds),
                String.format("%.0f", timer.medianMillis()), out.toAbsolutePath());
        return Files.exists(out.resolve("samples-final.png")) ? 0 : 1;
    }
}
