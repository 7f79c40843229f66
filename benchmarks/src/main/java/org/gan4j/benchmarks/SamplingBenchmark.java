package org.gan4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gan4j.data.FashionMnist;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.dl4j.Profiling;
import org.gan4j.zoo.Dcgan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Images per second that a trained DCGAN generator produces with {@code GeneratorModel.sample(n)}: one caller
 * (median time per call, as {@code ../shared/bench/sample_ref.py} reports), then {@code --callers} threads sampling
 * from the same model at once (total images over wall time), and the ratio of the two.
 */
@Command(name = "sampling", mixinStandardHelpOptions = true,
        description = "Sampling throughput of a DCGAN generator (images per second, inference mode), one caller and several.")
final class SamplingBenchmark implements Callable<Integer> {
    @Option(names = "--batch", description = "images per sample() call (default ${DEFAULT-VALUE})")
    int batch = 500;

    @Option(names = "--reps", description = "timed calls per caller (default ${DEFAULT-VALUE})")
    int reps = 20;

    @Option(names = "--callers", description = "threads sampling at once in the second measurement (default ${DEFAULT-VALUE}; 1: skip it)")
    int callers = 2;

    @Override
    public Integer call() throws Exception {
        GeneratorModel generator = GanTrainer.builder()
                .generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                .data(FashionMnist.bundledImages().toDataSource())
                .batchSize(64).steps(5).seed(0)
                .build().fit().generator();
        for (int i = 0; i < 5; i++) {
            generator.sample(batch);
        }
        Profiling.reset();
        long[] nanos = new long[reps];
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            generator.sample(batch);
            nanos[i] = System.nanoTime() - t0;
        }
        double oneCallerWall = (System.nanoTime() - start) / 1e9;
        if (Profiling.enabled()) {
            System.out.print(Profiling.table(reps));
        }
        Timings t = Timings.ofNanos(nanos);
        double perSecond = batch / t.median();
        double oneCallerThroughput = (double) reps * batch / oneCallerWall;
        Report report = new Report("sampling").put("batch", batch).put("reps", reps).putAll(t.asMap("sec_per_call"))
                .put("images_per_sec_median", perSecond);
        String concurrent = "";
        if (callers > 1) {
            double throughput = concurrentThroughput(generator);
            report.put("callers", callers).put("images_per_sec_concurrent", throughput)
                    .put("concurrent_speedup", throughput / oneCallerThroughput);
            concurrent = String.format("; %d callers at once: %.0f images/s = %.2fx one caller's %.0f", callers,
                    throughput, throughput / oneCallerThroughput, oneCallerThroughput);
        }
        report.print(System.out, String.format("sampling threads=%d batch=%d: %s per call -> %.0f images/s%s",
                Report.threads(), batch, t.describeMillis(), perSecond, concurrent));
        return 0;
    }

    private double concurrentThroughput(GeneratorModel generator) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<Void>> warm = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                warm.add(() -> {
                    for (int i = 0; i < 3; i++) {
                        generator.sample(batch);
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(warm)) {
                f.get();
            }
            List<Callable<Void>> work = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                work.add(() -> {
                    for (int i = 0; i < reps; i++) {
                        generator.sample(batch);
                    }
                    return null;
                });
            }
            long t0 = System.nanoTime();
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
            return (double) callers * reps * batch / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
