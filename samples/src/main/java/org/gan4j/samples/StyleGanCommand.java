package org.gan4j.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.data.IdxImages;
import org.gan4j.dl4j.StyleGanModel;
import org.gan4j.dl4j.StyleGanTrainer;
import org.gan4j.dl4j.TrainedStyleGan;
import org.gan4j.dl4j.listeners.HtmlReportListener;
import org.gan4j.dl4j.listeners.SampleGridListener;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.zoo.StyleGan2;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** StyleGAN2 on Fashion-MNIST padded to 32×32, with the latent tools' figures and the bundled classifier's metrics. */
@Command(name = "stylegan", mixinStandardHelpOptions = true,
        description = {"Trains a StyleGAN2 (zoo.StyleGan2 at the --channels width; lazy R1, path length regularization,",
                "style mixing, w average, G EMA) on Fashion-MNIST padded to 32x32 (the full set from --data when present,",
                "else the bundled 4,000 images) and writes to --out: samples-final.png (8x8), style-mixing.png (row r",
                "takes the coarse styles, layers below --crossover, of the image at its left; column c the fine styles",
                "of the image on top), truncation.png (rows psi = 1, 0.7, 0.5, 0), interpolation.png (rows: paths in W),",
                "stylegan.zip (the model), losses.csv, report.html and summary.json with IS/FID/KID/precision/recall",
                "(bundled classifier, centre 28x28 crops) and the share of mixed images the classifier assigns to the",
                "class of the coarse-style image."})
final class StyleGanCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StyleGanCommand.class);
    /** The pairs the style-control share is measured on. */
    static final int PAIRS = 500;

    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    long steps = 3000;

    @Option(names = "--batch-size", description = "batch size, a multiple of 4 (default ${DEFAULT-VALUE})")
    int batchSize = 16;

    @Option(names = "--channels", description = "the most channels of any resolution; 4096/r below it (default ${DEFAULT-VALUE})")
    int channels = 32;

    @Option(names = "--w-size", description = "the size of z and w (default ${DEFAULT-VALUE})")
    int wSize = 64;

    @Option(names = "--crossover", description = "the first w input of the fine styles in style-mixing.png and the"
            + " style-control share, 1 to 7 (default ${DEFAULT-VALUE}: 4x4 and 8x8 coarse)")
    int crossover = 4;

    @Option(names = "--ema", description = "decay of the generator's weight average (0: none; default ${DEFAULT-VALUE})")
    double ema = 0.998;

    @Option(names = "--grid-every", description = "write a sample grid every N steps (default ${DEFAULT-VALUE})")
    int gridEvery = 500;

    @Option(names = "--time-limit", description = "stop after this many seconds (0: none; default ${DEFAULT-VALUE})")
    long timeLimit = 0;

    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @picocli.CommandLine.Mixin
    FashionMnistData fashionMnist = new FashionMnistData();

    @Option(names = "--out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "stylegan");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** @return the zoo architecture at the given width */
    static StyleGan2 architecture(int channels, int wSize) {
        return StyleGan2.fashionMnist32().toBuilder().channels(4096, channels).latentSize(wSize).wSize(wSize).build();
    }

    @Override
    public Integer call() {
        OptionChecks.of(spec).atLeast("--steps", steps, 1).atLeast("--batch-size", batchSize, 4)
                .atLeast("--channels", channels, 1).atLeast("--w-size", wSize, 1).atLeast("--grid-every", gridEvery, 1)
                .atLeast("--time-limit", timeLimit, 0).decay("--ema", ema).atLeast("--crossover", crossover, 1);
        if (crossover > 7) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--crossover must be in [1, 7] but was " + crossover);
        }
        IdxImages images = fashionMnist.trainingImages();
        StyleGan2 arch = architecture(channels, wSize);
        LOG.info("StyleGAN2 on {} Fashion-MNIST images ({}) padded to 32x32, {} steps of batch {}, {}; output in {}",
                images.count(), fashionMnist.source(), steps, batchSize, arch, out.toAbsolutePath());
        StepTimer timer = new StepTimer(steps, 25);
        StyleGanTrainer.Builder trainer = StyleGanTrainer.builder().architecture(arch)
                .data(images.toPaddedDataSource(32)).batchSize(batchSize).steps(steps).seed(seed)
                .listener(timer)
                .listener(new SampleGridListener(out, gridEvery, 64, 8, seed))
                .listener(new HtmlReportListener(out, gridEvery, "losses and regularizers during training; final"
                        + " IS/FID/KID/PR and the style-control share in summary.json"));
        if (ema > 0) {
            trainer.generatorEma(ema, 0);
        }
        if (timeLimit > 0) {
            trainer.timeLimit(java.time.Duration.ofSeconds(timeLimit));
        }
        long t0 = System.nanoTime();
        TrainedStyleGan result = trainer.build().fit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        StyleGanModel model = result.model();
        model.save(out.resolve("stylegan.zip"));
        OutputFiles.writeLosses(out.resolve("losses.csv"), result.history());
        StyleGanFigures.write(model, out, crossover, seed);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", arch.toString());
        summary.put("data", fashionMnist.source() + ", padded to 32x32");
        summary.put("images", images.count());
        summary.put("steps", result.history().size());
        summary.put("batch_size", batchSize);
        summary.put("seed", seed);
        summary.put("ema", ema);
        summary.put("seconds_total", seconds);
        summary.put("ms_per_step_median", timer.medianMillis());
        summary.put("versions", org.gan4j.dl4j.BuildInfo.versions());
        summary.put("metrics", SampleMetrics.of(centreCrop(model.sample(SampleMetrics.SAMPLES)), seed));
        summary.put("style_control", styleControl(model, crossover, PAIRS, seed));
        OutputFiles.writeJson(out.resolve("summary.json"), summary);
        LOG.info("done in {} s ({} ms/step median); wrote {}", String.format("%.1f", seconds),
                String.format("%.0f", timer.medianMillis()), out.toAbsolutePath());
        return Files.exists(out.resolve("style-mixing.png")) ? 0 : 1;
    }

    /** @return the centre 28×28 of 32×32 images (the classifier's input size) */
    static INDArray centreCrop(INDArray images) {
        return images.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 30), NDArrayIndex.interval(2, 30)).dup();
    }

    /**
     * The share of mixed images (coarse styles of A, fine of B) that the bundled classifier assigns to A's class (the
     * class it assigns to A's own image), and to B's, over {@code pairs} pairs of fresh latents.
     */
    static Map<String, Object> styleControl(StyleGanModel model, int crossover, int pairs, long seed) {
        INDArray zA = StyleGanFigures.latents(pairs, model.architecture().latentSize(), seed + 17);
        INDArray zB = StyleGanFigures.latents(pairs, model.architecture().latentSize(), seed + 18);
        FashionMnistClassifier classifier = FashionMnistClassifier.bundled();
        int[] a = labels(classifier, model.sample(zA));
        int[] b = labels(classifier, model.sample(zB));
        int[] mixed = labels(classifier, model.mix(zA, zB, crossover));
        int sameAsA = 0;
        int sameAsB = 0;
        int differing = 0;
        for (int i = 0; i < pairs; i++) {
            sameAsA += mixed[i] == a[i] ? 1 : 0;
            sameAsB += mixed[i] == b[i] ? 1 : 0;
            differing += a[i] != b[i] ? 1 : 0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", pairs + " pairs of fresh latents; mixed = w inputs below " + crossover + " from A, the rest from B;"
                + " classes by gan-metrics' bundled classifier on centre 28x28 crops, fixed noise, no truncation");
        m.put("crossover", crossover);
        m.put("share_with_class_of_coarse_styles", sameAsA / (double) pairs);
        m.put("share_with_class_of_fine_styles", sameAsB / (double) pairs);
        m.put("share_of_pairs_of_different_classes", differing / (double) pairs);
        return m;
    }

    private static int[] labels(FashionMnistClassifier classifier, INDArray images) {
        INDArray logits = classifier.logits(centreCrop(images));
        int[] labels = new int[(int) logits.size(0)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = logits.getRow(i).argMax().getInt(0);
        }
        return labels;
    }
}
