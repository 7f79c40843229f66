package org.gan4j.benchmarks;

import java.util.concurrent.Callable;
import org.gan4j.data.FashionMnist;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.zoo.Dcgan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Images per second that a trained DCGAN generator produces with {@code GeneratorModel.sample(n)}. */
@Command(name = "sampling", mixinStandardHelpOptions = true,
        description = "Sampling throughput of a DCGAN generator (images per second, inference mode).")
final class SamplingBenchmark implements Callable<Integer> {
    @Option(names = "--batch", description = "images per sample() call (default ${DEFAULT-VALUE})")
    int batch = 500;

    @Option(names = "--reps", description = "timed calls (default ${DEFAULT-VALUE})")
    int reps = 20;

    @Override
    public Integer call() {
        GeneratorModel generator = GanTrainer.builder()
                .generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                .data(FashionMnist.bundledImages().toDataSource())
                .batchSize(64).steps(5).seed(0)
                .build().fit().generator();
        for (int i = 0; i < 5; i++) {
            generator.sample(batch);
        }
        long[] nanos = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            generator.sample(batch);
            nanos[i] = System.nanoTime() - t0;
        }
        Timings t = Timings.ofNanos(nanos);
        double perSecond = batch / t.median();
        new Report("sampling").put("batch", batch).put("reps", reps).putAll(t.asMap("sec_per_call"))
                .put("images_per_sec_median", perSecond)
                .print(System.out, String.format("sampling threads=%d batch=%d: %s per call -> %.0f images/s",
                        Report.threads(), batch, t.describeMillis(), perSecond));
        return 0;
    }
}
