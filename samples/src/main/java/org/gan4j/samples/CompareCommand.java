package org.gan4j.samples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.data.IdxImages;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.TrainedGan;
import org.gan4j.dl4j.TrainedVae;
import org.gan4j.dl4j.VaeTrainer;
import org.gan4j.dl4j.listeners.HtmlReportListener;
import org.gan4j.metrics.ClassShares;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.metrics.LaplacianSharpness;
import org.gan4j.zoo.Dcgan;
import org.gan4j.zoo.Vae;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The GAN against the VAE on Fashion-MNIST: the DCGAN and a VAE whose decoder is the DCGAN generator ({@link Vae}),
 * each trained for the same wall-clock budget, then measured on the same held-out images with the bundled classifier.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Trains the DCGAN and a VAE with the DCGAN generator as its decoder for the same wall-clock budget",
                "on Fashion-MNIST (the full set from --data when present, else the bundled subset) and writes to --out:",
                "report.html (both side by side), summary.json, the grids dcgan-samples.png, vae-samples.png,",
                "vae-expost-samples.png, vae-reconstructions.png, dcgan-interpolation.png, vae-interpolation.png,",
                "and each model's own training report under dcgan/ and vae/."})
final class CompareCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(CompareCommand.class);
    static final int MAX_STEPS = 1_000_000;

    @Option(names = "--minutes", description = "training budget of each model in minutes (default ${DEFAULT-VALUE})")
    double minutes = 2;

    @Option(names = "--eval", description = "generated and held-out images for the measures (default ${DEFAULT-VALUE})")
    int eval = 2000;

    @Option(names = "--latent", description = "the VAE's latent size (default ${DEFAULT-VALUE}, the DCGAN's)")
    int latent = Dcgan.LATENT_SIZE;

    @Option(names = "--components", description = "components of the VAE's ex-post Gaussian mixture (default ${DEFAULT-VALUE})")
    int components = 10;

    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 7;

    @picocli.CommandLine.Mixin
    FashionMnistData fashionMnist = new FashionMnistData();

    @Option(names = "--out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "compare");

    /** Everything the comparison measured, for the report. */
    record Results(Map<String, Object> summary, Map<String, INDArray> grids) {
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.of(spec).positive("--minutes", minutes).atLeast("--eval", eval, 64).atLeast("--latent", latent, 1)
                .atLeast("--components", components, 1);
        IdxImages train = fashionMnist.trainingImages();
        IdxImages test = fashionMnist.testImages();
        int n = Math.min(eval, test.count());
        IdxImages held = test.first(n);
        INDArray realPlusMinus = held.toArray();
        INDArray realUnit = Nd4j.create(held.scaledToZeroOne(), new long[] {n, 1, 28, 28}, 'c');
        int[] testLabels = java.util.Arrays.copyOf(fashionMnist.testLabels(), n);
        Duration budget = Duration.ofMillis(Math.round(minutes * 60_000));
        LOG.info("DCGAN vs VAE on {} Fashion-MNIST images ({}), {} of training each, output in {}", train.count(),
                fashionMnist.source(), budget, out.toAbsolutePath());

        long t0 = System.nanoTime();
        TrainedGan gan = GanTrainer.builder()
                .generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                .data(train.toDataSource()).batchSize(64).steps(MAX_STEPS).seed(seed).timeLimit(budget)
                .listener(new HtmlReportListener(out.resolve("dcgan"), 200, "see ../summary.json"))
                .build().fit();
        double ganSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        TrainedVae vae = VaeTrainer.builder()
                .encoder(Vae.encoder(latent)).decoder(Vae.decoder(latent))
                .data(train.toZeroOneDataSource()).batchSize(64).steps(MAX_STEPS).seed(seed).timeLimit(budget)
                .listener(new HtmlReportListener(out.resolve("vae"), 200, "see ../summary.json"))
                .build().fit();
        double vaeSeconds = (System.nanoTime() - t0) / 1e9;
        LOG.info("trained: DCGAN {} steps in {} s, VAE {} steps in {} s", gan.history().size(), fmt(ganSeconds),
                vae.history().size(), fmt(vaeSeconds));

        INDArray ganSamples = gan.sample(n);
        INDArray vaePrior = toPlusMinusOne(vae.sample(n));
        INDArray fit = Nd4j.create(train.first(Math.min(10_000, train.count())).scaledToZeroOne(),
                new long[] {Math.min(10_000, train.count()), 1, 28, 28}, 'c');
        t0 = System.nanoTime();
        var expost = vae.model().exPostSampler(fit, components, seed);
        INDArray vaeExPost = toPlusMinusOne(expost.sample(n));
        LOG.info("fitted the ex-post mixture to {} posterior means in {} s", fit.size(0), fmt((System.nanoTime() - t0) / 1e9));
        t0 = System.nanoTime();

        FashionMnistClassifier classifier = FashionMnistClassifier.bundled();
        double[] reference = ClassShares.sharesOf(testLabels, 10);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("data", fashionMnist.source());
        summary.put("training_images", train.count());
        summary.put("budget_minutes_each", minutes);
        summary.put("evaluation", n + " generated images per model vs the first " + n + " test images; 64-d features and"
                + " logits of gan-metrics' bundled classifier; sharpness = mean variance of the 4-neighbour Laplacian of"
                + " images in [-1, 1]");
        summary.put("real_images", Map.of("sharpness", LaplacianSharpness.of(realPlusMinus).mean(),
                "class_shares", reference));
        summary.put("dcgan", model("DCGAN (Dcgan.generator/discriminator, non-saturating loss, Adam 2e-4/0.5)",
                gan.history().size(), ganSeconds, realPlusMinus, ganSamples, classifier, reference));
        Map<String, Object> prior = model("VAE (Vae.encoder/decoder, latent " + latent + ", Bernoulli, Adam 1e-3),"
                + " prior samples", vae.history().size(), vaeSeconds, realPlusMinus, vaePrior, classifier, reference);
        double testElbo = vae.model().negativeElbo(realUnit).meanNumber().doubleValue();
        prior.put("test_negative_elbo_nats", testElbo);
        prior.put("test_negative_elbo_bits_per_dim", testElbo / (784 * Math.log(2)));
        prior.put("final_train_kl_nats", vae.steps().get(vae.steps().size() - 1).kl());
        summary.put("vae", prior);
        summary.put("vae_expost", model("the same VAE sampled from a " + components + "-component Gaussian mixture fitted"
                        + " to the posterior means of " + fit.size(0) + " training images", vae.history().size(), vaeSeconds,
                realPlusMinus, vaeExPost, classifier, reference));

        LOG.info("measured the three sample sets in {} s", fmt((System.nanoTime() - t0) / 1e9));
        Map<String, INDArray> grids = new LinkedHashMap<>();
        grids.put("dcgan-samples", ganSamples.get(NDArrayIndex.interval(0, 64)));
        grids.put("vae-samples", vaePrior.get(NDArrayIndex.interval(0, 64)));
        grids.put("vae-expost-samples", vaeExPost.get(NDArrayIndex.interval(0, 64)));
        grids.put("vae-reconstructions", reconstructions(vae, realUnit));
        grids.put("dcgan-interpolation", ganInterpolation(gan));
        grids.put("vae-interpolation", vaeInterpolation(vae, realUnit));
        new ComparisonReport(out).write(new Results(summary, grids));
        vae.save(out.resolve("vae.zip"));
        gan.save(out.resolve("generator.zip"));
        LOG.info("DCGAN FID {} IS {}; VAE FID {} (ex-post {}) IS {}; test −ELBO {} nats; wrote {}",
                fmt(metric(summary, "dcgan", "fid")), fmt(metric(summary, "dcgan", "inception_score_mean")),
                fmt(metric(summary, "vae", "fid")), fmt(metric(summary, "vae_expost", "fid")),
                fmt(metric(summary, "vae", "inception_score_mean")), fmt(testElbo), out.toAbsolutePath());
        return 0;
    }

    private Map<String, Object> model(String description, int steps, double seconds, INDArray real, INDArray generated,
                                      FashionMnistClassifier classifier, double[] reference) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", description);
        m.put("steps", steps);
        m.put("seconds", seconds);
        m.putAll(SampleMetrics.between(classifier, real, generated, seed));
        ClassShares shares = ClassShares.of(classifier, generated, reference);
        m.put("class_shares", shares.shares());
        m.put("class_share_total_variation", shares.totalVariation());
        m.put("classes_covered", shares.classesCovered());
        m.put("sharpness", LaplacianSharpness.of(generated).mean());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static double metric(Map<String, Object> summary, String model, String name) {
        return ((Number) ((Map<String, Object>) summary.get(model)).get(name)).doubleValue();
    }

    /** Rows of 8 test images, each followed by a row of their reconstructions D(μ(x)). */
    private static INDArray reconstructions(TrainedVae vae, INDArray realUnit) {
        INDArray grid = Nd4j.create(DataType.FLOAT, 32, 1, 28, 28);
        for (int block = 0; block < 2; block++) {
            INDArray x = realUnit.get(NDArrayIndex.interval(block * 8, block * 8 + 8));
            grid.get(NDArrayIndex.interval(block * 16, block * 16 + 8)).assign(x);
            grid.get(NDArrayIndex.interval(block * 16 + 8, block * 16 + 16)).assign(vae.reconstruct(x));
        }
        return toPlusMinusOne(grid);
    }

    /** 4 rows of 10 images on the line between two latent draws. */
    private INDArray ganInterpolation(TrainedGan gan) {
        INDArray ends = Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(new long[] {8, Dcgan.LATENT_SIZE});
        INDArray line = Nd4j.create(DataType.FLOAT, 40, Dcgan.LATENT_SIZE);
        for (int row = 0; row < 4; row++) {
            for (int i = 0; i < 10; i++) {
                double t = i / 9.0;
                line.getRow(row * 10 + i).assign(ends.getRow(2 * row).mul(1 - t).add(ends.getRow(2 * row + 1).mul(t)));
            }
        }
        return gan.sample(line.castTo(DataType.FLOAT));
    }

    /** 4 rows of 10 images between the posterior means of two test images. */
    private static INDArray vaeInterpolation(TrainedVae vae, INDArray realUnit) {
        INDArray grid = Nd4j.create(DataType.FLOAT, 40, 1, 28, 28);
        for (int row = 0; row < 4; row++) {
            grid.get(NDArrayIndex.interval(row * 10, row * 10 + 10))
                    .assign(vae.interpolate(realUnit.slice(2 * row + 20), realUnit.slice(2 * row + 21), 10));
        }
        return toPlusMinusOne(grid);
    }

    static INDArray toPlusMinusOne(INDArray unit) {
        return unit.mul(2).subi(1);
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
