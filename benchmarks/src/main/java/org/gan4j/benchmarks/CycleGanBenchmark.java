package org.gan4j.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.gan4j.Shape;
import org.gan4j.TrainingListener;
import org.gan4j.data.FashionMnist;
import org.gan4j.data.IdxImages;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.dl4j.CycleGanTrainer;
import org.gan4j.dl4j.Profiling;
import org.gan4j.losses.LeastSquaresLoss;
import org.gan4j.optim.OptimizerSpec;
import org.gan4j.zoo.CycleGan;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times CycleGAN training iterations with the networks and step of {@code ../shared/bench/cyclegan_ref.py}: two
 * translators (f = 16, 3 residual blocks, instance norm) and two 32-filter PatchGAN discriminators, least-squares
 * adversarial terms + 10 × L1 cycle terms, image pools of 50, Adam(2e-4, 0.5, 0.999); X = Fashion-MNIST training
 * class 7 (sneaker), Y = class 9 (ankle boot), batch 8 per domain.
 */
@Command(name = "cyclegan", mixinStandardHelpOptions = true,
        description = "Times CycleGAN iterations (cyclegan_ref.py's networks and step: f 16, 3 blocks, batch 8 per domain).")
final class CycleGanBenchmark implements Callable<Integer> {
    /** FLOPs of one iteration at the defaults (f 16, 3 blocks, batch 8), counted by benchmarks/cyclegan_flops.py. */
    static final double GFLOP_PER_ITERATION = 3.6982;

    @Option(names = "--iters", description = "timed iterations (default ${DEFAULT-VALUE})")
    int iters = 50;

    @Option(names = "--warmup", description = "untimed iterations first (default ${DEFAULT-VALUE})")
    int warmup = 30;

    @Option(names = "--batch", description = "images per domain per iteration (default ${DEFAULT-VALUE})")
    int batch = 8;

    @Option(names = "--filters", description = "translator filters f (default ${DEFAULT-VALUE})")
    int filters = 16;

    @Option(names = "--blocks", description = "residual blocks (default ${DEFAULT-VALUE})")
    int blocks = 3;

    @Option(names = "--data", description = "Fashion-MNIST IDX directory; the bundled subset when absent (default ${DEFAULT-VALUE})")
    Path data = Path.of(FashionMnist.DEBIAN_DIRECTORY);

    @Override
    public Integer call() {
        IterationTimer timer = new IterationTimer(warmup, iters);
        CycleGanTrainer trainer = trainer(data, batch, filters, blocks, warmup + iters, timer);
        long t0 = System.nanoTime();
        trainer.fit();
        double total = (System.nanoTime() - t0) / 1e9;
        if (Profiling.enabled()) {
            System.out.print(Profiling.table(iters));
        }
        Timings t = timer.timings();
        boolean defaults = batch == 8 && filters == 16 && blocks == 3;
        double gflops = defaults ? GFLOP_PER_ITERATION / t.median() : Double.NaN;
        double peak = defaults ? GemmPeak.peakGflops() : Double.NaN;
        new Report("cyclegan").put("iters", iters).put("warmup", warmup).put("batch", batch).put("filters", filters)
                .put("blocks", blocks).putAll(t.asMap("sec_per_iter"))
                .put("images_per_sec_median", batch / t.median())
                .put("images_both_domains_per_sec_median", 2 * batch / t.median()).put("fit_seconds_total", total)
                .put("gflop_per_iter", defaults ? GFLOP_PER_ITERATION : null).put("gflops_achieved", defaults ? gflops : null)
                .put("gemm_peak_gflops", defaults ? peak : null)
                .put("percent_of_gemm_peak", defaults ? 100 * gflops / peak : null)
                .print(System.out, String.format("cyclegan threads=%d batch=%d f=%d blocks=%d: %s per iteration%s",
                        Report.threads(), batch, filters, blocks, t.describeMillis(), defaults ? String.format(
                                "; %.1f GFLOP/s = %.1f%% of the %.1f GFLOP/s GEMM peak", gflops, 100 * gflops / peak, peak)
                                : ""));
        return 0;
    }

    /**
     * @return cyclegan_ref.py's training set-up: X = class 7, Y = class 9 of the Fashion-MNIST training images (the
     *         bundled subset when {@code data} is absent)
     */
    static CycleGanTrainer trainer(Path data, int batch, int filters, int blocks, long steps, TrainingListener listener) {
        boolean full = FashionMnist.isPresent(data);
        IdxImages images = full ? FashionMnist.trainingImages(data) : FashionMnist.bundledImages();
        int[] labels = full ? FashionMnist.trainingLabels(data) : FashionMnist.bundledLabels();
        Shape image = images.imageShape();
        OptimizerSpec adam = OptimizerSpec.adam(2e-4, 0.5, 0.999);
        return CycleGanTrainer.builder()
                .xToY(CycleGan.generator(image, 1, filters, blocks)).yToX(CycleGan.generator(image, 1, filters, blocks))
                .discriminatorX(CycleGan.patchDiscriminator(image, 2 * filters))
                .discriminatorY(CycleGan.patchDiscriminator(image, 2 * filters))
                .dataX(InMemoryDataSource.of(classImages(images, labels, 7)))
                .dataY(InMemoryDataSource.of(classImages(images, labels, 9)))
                .loss(LeastSquaresLoss.cycleGan()).cycleWeight(10).identityWeight(0).imagePool(50)
                .generatorOptimizer(adam).discriminatorOptimizer(adam)
                .batchSize(batch).steps(steps).seed(0).listener(listener)
                .build();
    }

    private static INDArray classImages(IdxImages images, int[] labels, int label) {
        float[] all = images.scaledToPlusMinusOne();
        int[] chosen = IntStream.range(0, images.count()).filter(i -> labels[i] == label).toArray();
        int size = Math.toIntExact(images.imageShape().size());
        float[] values = new float[chosen.length * size];
        for (int i = 0; i < chosen.length; i++) {
            System.arraycopy(all, chosen[i] * size, values, i * size, size);
        }
        return Nd4j.create(values, images.imageShape().withBatch(chosen.length), 'c');
    }
}
