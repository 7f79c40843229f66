package org.gan4j.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.CycleGanStepResult;
import org.gan4j.ImageTranslator;
import org.gan4j.Shape;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.data.IdxImages;
import org.gan4j.dl4j.Checkpoint;
import org.gan4j.dl4j.CycleGanTrainer;
import org.gan4j.dl4j.TrainedCycleGan;
import org.gan4j.dl4j.listeners.HtmlReportListener;
import org.gan4j.dl4j.listeners.ImageGrid;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.zoo.CycleGan;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** CycleGAN between two Fashion-MNIST classes, measured by the bundled classifier and the cycle error. */
@Command(name = "cyclegan", mixinStandardHelpOptions = true,
        description = {"Trains a CycleGAN (Zhu et al. 2017: ResNet translators, PatchGAN discriminators, least-squares",
                "loss, cycle weight 10) between two Fashion-MNIST classes, X from the first half of the training set and Y",
                "from the second half (unpaired), from --data when present, else the bundled 4,000 images. On the test",
                "images of both classes it measures the share of translations that gan-metrics' bundled classifier assigns",
                "to the target class and the mean L1 cycle error |F(G(x)) - x|, and writes to --out: translations.png",
                "(per row: x, G(x), F(G(x)), y, F(y), G(F(y))), losses.csv, xToY.zip, yToX.zip and summary.json."})
final class CycleGanCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(CycleGanCommand.class);
    private static final String[] NAMES = FashionMnistClasses.NAMES;

    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    long steps = 1500;

    @Option(names = "--batch", description = "images of each domain per step (default ${DEFAULT-VALUE})")
    int batch = 8;

    @Option(names = "--x-class", description = "Fashion-MNIST class of domain X (default ${DEFAULT-VALUE}: sneaker)")
    int classX = 7;

    @Option(names = "--y-class", description = "Fashion-MNIST class of domain Y (default ${DEFAULT-VALUE}: ankle boot)")
    int classY = 9;

    @Option(names = "--filters", description = "first-layer filters of the translators (default ${DEFAULT-VALUE})")
    int filters = 16;

    @Option(names = "--blocks", description = "residual blocks of the translators (default ${DEFAULT-VALUE})")
    int blocks = 3;

    @Option(names = "--identity", description = "identity-loss weight (default ${DEFAULT-VALUE}: off)")
    double identity;

    @Option(names = "--eval", description = "test images per domain for the measures (default ${DEFAULT-VALUE})")
    int eval = 1000;

    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @picocli.CommandLine.Mixin
    FashionMnistData fashionMnist = new FashionMnistData();

    @Option(names = "--out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "cyclegan");

    @Option(names = "--checkpoint-every", description = "write a resumable checkpoint every N steps into <out>/checkpoints"
            + " and continue from the newest one found there (0: none; default ${DEFAULT-VALUE})")
    int checkpointEvery = 0;

    /**
     * What the translators achieve on held-out images.
     *
     * @param accuracyXToY share of G(x) classified as Y's class
     * @param accuracyYToX share of F(y) classified as X's class
     * @param cycleX       mean |F(G(x)) − x|
     * @param cycleY       mean |G(F(y)) − y|
     */
    record Evaluation(double accuracyXToY, double accuracyYToX, double cycleX, double cycleY) {
        double accuracy() {
            return (accuracyXToY + accuracyYToX) / 2;
        }

        double cycleError() {
            return (cycleX + cycleY) / 2;
        }
    }

    static CycleGanTrainer.Builder trainer(UnpairedDomains domains, int filters, int blocks, int batch, long steps, long seed) {
        Shape image = domains.x().sampleShape();
        return CycleGanTrainer.builder()
                .xToY(CycleGan.generator(image, Math.toIntExact(image.dim(0)), filters, blocks))
                .yToX(CycleGan.generator(image, Math.toIntExact(image.dim(0)), filters, blocks))
                .discriminatorX(CycleGan.patchDiscriminator(image, 2 * filters))
                .discriminatorY(CycleGan.patchDiscriminator(image, 2 * filters))
                .dataX(domains.x()).dataY(domains.y())
                .batchSize(batch).steps(steps).seed(seed);
    }

    static Evaluation evaluate(ImageTranslator xToY, ImageTranslator yToX, INDArray x, INDArray y, int classX, int classY) {
        FashionMnistClassifier classifier = FashionMnistClassifier.bundled();
        INDArray fakeY = translate(xToY, x);
        INDArray fakeX = translate(yToX, y);
        double cycleX = meanAbsoluteDifference(translate(yToX, fakeY), x);
        double cycleY = meanAbsoluteDifference(translate(xToY, fakeX), y);
        return new Evaluation(classifier.accuracy(fakeY, UnpairedDomains.filled((int) x.size(0), classY)),
                classifier.accuracy(fakeX, UnpairedDomains.filled((int) y.size(0), classX)), cycleX, cycleY);
    }

    /** Translates in batches of 500, so that evaluation sets of any size fit. */
    static INDArray translate(ImageTranslator translator, INDArray images) {
        long n = images.size(0);
        INDArray result = Nd4j.create(images.dataType(), translator.outputShape().withBatch(n));
        for (long from = 0; from < n; from += 500) {
            long to = Math.min(n, from + 500);
            result.get(NDArrayIndex.interval(from, to)).assign(translator.translate(images.get(NDArrayIndex.interval(from, to))));
        }
        return result;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.of(spec).atLeast("--steps", steps, 1).atLeast("--batch", batch, 1).within("--x-class", classX, 0, 9)
                .within("--y-class", classY, 0, 9).atLeast("--filters", filters, 1).atLeast("--blocks", blocks, 0)
                .nonNegative("--identity", identity).atLeast("--eval", eval, 1).atLeast("--checkpoint-every", checkpointEvery, 0);
        if (classX == classY) {
            throw OptionChecks.of(spec).fail("--x-class and --y-class must differ but both were " + classX);
        }
        IdxImages images = fashionMnist.trainingImages();
        int[] labels = fashionMnist.trainingLabels();
        IdxImages test = fashionMnist.testImages();
        int[] testLabels = fashionMnist.testLabels();
        UnpairedDomains domains = UnpairedDomains.split(images, labels, classX, classY);
        INDArray testX = first(UnpairedDomains.classImages(test, testLabels, classX, 0, test.count()), eval);
        INDArray testY = first(UnpairedDomains.classImages(test, testLabels, classY, 0, test.count()), eval);
        LOG.info("CycleGAN {} ({} images) <-> {} ({} images) from {}, {} steps of batch {}, output in {}", NAMES[classX],
                domains.x().count(), NAMES[classY], domains.y().count(), fashionMnist.source(), steps, batch,
                out.toAbsolutePath());
        long t0 = System.nanoTime();
        CycleGanTrainer.Builder builder = trainer(domains, filters, blocks, batch, steps, seed).identityWeight(identity)
                .listener(new Progress(Math.max(1, steps / 15)))
                .listener(new HtmlReportListener(out, (int) Math.max(1, steps / 10),
                        "losses and terms during training; translation accuracy and cycle error in summary.json"));
        Path checkpoints = out.resolve("checkpoints");
        if (checkpointEvery > 0) {
            builder.checkpoints(checkpoints, checkpointEvery, 2);
        }
        CycleGanTrainer trainer = builder.build();
        java.util.Optional<Path> latest = checkpointEvery > 0 ? Checkpoint.latest(checkpoints) : java.util.Optional.empty();
        latest.ifPresent(c -> LOG.info("continuing from {}", c));
        TrainedCycleGan gan = latest.map(trainer::resume).orElseGet(trainer::fit);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Evaluation before = evaluate(identityTranslator(testX), identityTranslator(testY), testX, testY, classX, classY);
        Evaluation after = evaluate(gan.xToY(), gan.yToX(), testX, testY, classX, classY);
        writeGrid(gan, testX, testY, out.resolve("translations.png"));
        writeLosses(out.resolve("losses.csv"), gan.history());
        gan.xToY().save(out.resolve("xToY.zip"));
        gan.yToX().save(out.resolve("yToX.zip"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", "CycleGAN, ResNet translators (" + filters + " filters, " + blocks + " blocks), PatchGAN discriminators");
        summary.put("domain_x", classX + " " + NAMES[classX]);
        summary.put("domain_y", classY + " " + NAMES[classY]);
        summary.put("data", fashionMnist.source());
        summary.put("steps", steps);
        summary.put("batch", batch);
        summary.put("seed", seed);
        summary.put("seconds_total", seconds);
        summary.put("test_images_x", testX.size(0));
        summary.put("test_images_y", testY.size(0));
        summary.put("accuracy_x_to_y", after.accuracyXToY());
        summary.put("accuracy_y_to_x", after.accuracyYToX());
        summary.put("accuracy_mean", after.accuracy());
        summary.put("untranslated_accuracy_mean", before.accuracy());
        summary.put("cycle_l1_x", after.cycleX());
        summary.put("cycle_l1_y", after.cycleY());
        summary.put("cycle_l1_mean", after.cycleError());
        summary.put("cycle_l1_first_step", gan.history().get(0).cycleError());
        OutputFiles.writeJson(out.resolve("summary.json"), summary);
        LOG.info("done in {} s: {}% of G(x) classified as {}, {}% of F(y) as {} (untranslated: {}%); mean L1 cycle error {}"
                        + " (first step {})", fmt(seconds), fmt(100 * after.accuracyXToY()), NAMES[classY],
                fmt(100 * after.accuracyYToX()), NAMES[classX], fmt(100 * before.accuracy()), fmt4(after.cycleError()),
                fmt4(gan.history().get(0).cycleError()));
        return 0;
    }

    static double meanAbsoluteDifference(INDArray a, INDArray b) {
        return a.sub(b).norm1Number().doubleValue() / a.length();
    }

    private static INDArray first(INDArray images, int n) {
        return images.size(0) <= n ? images : images.get(NDArrayIndex.interval(0, n)).dup();
    }

    private static ImageTranslator identityTranslator(INDArray like) {
        Shape shape = Shape.of(java.util.Arrays.copyOfRange(like.shape(), 1, like.rank()));
        return new ImageTranslator() {
            @Override
            public Shape inputShape() {
                return shape;
            }

            @Override
            public Shape outputShape() {
                return shape;
            }

            @Override
            public INDArray translate(INDArray images) {
                return images.dup();
            }
        };
    }

    static void writeGrid(TrainedCycleGan gan, INDArray x, INDArray y, Path file) {
        int rows = (int) Math.min(8, Math.min(x.size(0), y.size(0)));
        INDArray xs = x.get(NDArrayIndex.interval(0, rows));
        INDArray ys = y.get(NDArrayIndex.interval(0, rows));
        INDArray fakeY = gan.translateXToY(xs);
        INDArray fakeX = gan.translateYToX(ys);
        INDArray[] columns = {xs, fakeY, gan.translateYToX(fakeY), ys, fakeX, gan.translateXToY(fakeX)};
        INDArray grid = Nd4j.create(x.dataType(), rows * 6L, x.size(1), x.size(2), x.size(3));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 6; c++) {
                grid.get(NDArrayIndex.point(r * 6L + c)).assign(columns[c].get(NDArrayIndex.point(r)));
            }
        }
        ImageGrid.writePng(grid, 6, file);
    }

    static void writeLosses(Path file, List<CycleGanStepResult> history) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("step,generator,discriminator,adversarial_xy,adversarial_yx,cycle_x,cycle_y,identity,discriminator_x,discriminator_y\n");
                for (CycleGanStepResult r : history) {
                    w.write(String.format(Locale.ROOT, "%d,%g,%g,%g,%g,%g,%g,%g,%g,%g%n", r.step(), r.generatorLoss(),
                            r.discriminatorLoss(), r.adversarialXY(), r.adversarialYX(), r.cycleX(), r.cycleY(),
                            r.identity(), r.discriminatorX(), r.discriminatorY()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Logs the losses and the step time every N steps. */
    private static final class Progress implements TrainingListener {
        private final long every;
        private final long start = System.nanoTime();

        Progress(long every) {
            this.every = every;
        }

        @Override
        public void onStepEnd(TrainingView view, StepResult step) {
            CycleGanStepResult r = CycleGanStepResult.of(step);
            if (r.step() % every == 0 || r.step() == view.totalSteps()) {
                LOG.info("step {}/{}  G {}  D {}  cycle {}  {} ms/step", r.step(), view.totalSteps(), fmt4(r.generatorLoss()),
                        fmt4(r.discriminatorLoss()), fmt4(r.cycleError()),
                        String.format(Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e6 / r.step()));
            }
        }
    }
}
