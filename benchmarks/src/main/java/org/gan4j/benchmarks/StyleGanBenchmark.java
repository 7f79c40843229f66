package org.gan4j.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.data.FashionMnist;
import org.gan4j.data.IdxImages;
import org.gan4j.dl4j.Profiling;
import org.gan4j.dl4j.StyleGanTrainer;
import org.gan4j.zoo.StyleGan2;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times StyleGAN2 training iterations against benchmarks/stylegan2_ref.py (the same networks and phases in PyTorch):
 * per-iteration time as the median over whole 16-iteration cycles (each holding 4 path-length and 1 R1 phase) of
 * the cycle's time / 16, after one untimed cycle.
 */
@Command(name = "stylegan", mixinStandardHelpOptions = true,
        description = {"Times StyleGAN2 iterations (32x32 Fashion-MNIST, batch 16, 32 channels, z = w = 64; G main,",
                "path length every 4th on half the batch, D main, R1 every 16th) in 16-iteration cycles."})
final class StyleGanBenchmark implements Callable<Integer> {
    static final int CYCLE = 16;

    @Option(names = "--cycles", description = "timed 16-iteration cycles (default ${DEFAULT-VALUE})")
    int cycles = 3;

    @Option(names = "--batch", description = "batch size (default ${DEFAULT-VALUE})")
    int batch = 16;

    @Option(names = "--channels", description = "the most channels (default ${DEFAULT-VALUE})")
    int channels = 32;

    @Option(names = "--w", description = "the size of z and w (default ${DEFAULT-VALUE})")
    int w = 64;

    @Option(names = "--data", description = "Fashion-MNIST IDX directory; the bundled subset when absent (default ${DEFAULT-VALUE})")
    Path data = Path.of(FashionMnist.DEBIAN_DIRECTORY);

    @Override
    public Integer call() {
        IdxImages images = FashionMnist.isPresent(data) ? FashionMnist.trainingImages(data) : FashionMnist.bundledImages();
        StyleGan2 arch = StyleGan2.builder().channels(4096, channels).latentSize(w).wSize(w).build();
        IterationTimer timer = new IterationTimer(CYCLE, cycles * CYCLE);
        long t0 = System.nanoTime();
        StyleGanTrainer.builder().architecture(arch).data(images.toPaddedDataSource(32)).batchSize(batch)
                .steps((long) (cycles + 1) * CYCLE).seed(0).listener(timer).build().fit();
        double total = (System.nanoTime() - t0) / 1e9;
        if (Profiling.enabled()) {
            System.out.print(Profiling.table(cycles * CYCLE));
        }
        double[] perIteration = timer.timings().seconds();
        double[] cycleMeans = new double[cycles];
        for (int i = 0; i < perIteration.length; i++) {
            cycleMeans[i / CYCLE] += perIteration[i] / CYCLE;
        }
        Timings t = new Timings(cycleMeans);
        new Report("stylegan").put("cycles", cycles).put("batch", batch).put("channels", channels).put("w", w)
                .putAll(t.asMap("sec_per_iter")).put("fit_seconds_total", total)
                .print(System.out, String.format("stylegan threads=%d batch=%d channels=%d: %s per iteration (cycle means)",
                        Report.threads(), batch, channels, t.describeMillis()));
        return 0;
    }
}
