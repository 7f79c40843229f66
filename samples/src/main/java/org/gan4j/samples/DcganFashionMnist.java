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
    long steps = 600;

    @Option(names = "--batch-size", description = "batch size (default ${DEFAULT-VALUE})")
    int batchSize = 64;

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
                .decay("--ema", ema);
        IdxImages images = fashionMnist.trainingImages();
        LOG.info("DCGAN on {} Fashion-MNIST images ({}), {} steps of batch {}, output in {}", images.count(),
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
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--model must be dcgan, sn-dcgan or sngan but was " + model);
        }
        trainer
                .data(images.toDataSource())
                .batchSize(batchSize).steps(steps).seed(seed)
                .listener(timer)
                .listener(new SampleGridListener(out, gridEvery, 64, 8, seed))
                .listener(new HtmlReportListener(out, gridEvery, "losses only during training; final IS/FID/KID/PR in summary.json"));
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
        summary.put("model", "DCGAN 28x28x1 (docs/getting-started.md)");
        summary.put("data", fashionMnist.source());
        summary.put("images", images.count());
        summary.put("steps", steps);
        summary.put("batch_size", batchSize);
        summary.put("seed", seed);
        summary.put("seconds_total", seconds);
        summary.put("versions", org.gan4j.dl4j.BuildInfo.versions());
        summary.put("ms_per_step_median", timer.medianMillis());
        var last = gan.history().steps().get(gan.history().size() - 1);
        summary.put("final_discriminator_loss", last.discriminatorLoss());
        summary.put("final_generator_loss", last.generatorLoss());
        summary.put("metrics", SampleMetrics.of(gan.sample(SampleMetrics.SAMPLES), seed));
        OutputFiles.writeJson(out.resolve("summary.json"), summary);
        LOG.info("done in {} s ({} ms/step median); wrote {}", String.format("%.1f", seconds),
                String.format("%.0f", timer.medianMillis()), out.toAbsolutePath());
        return Files.exists(out.resolve("samples-final.png")) ? 0 : 1;
    }
}
