package org.gan4j.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.data.FashionMnist;
import org.gan4j.data.IdxImages;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.Profiling;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.losses.WassersteinLoss;
import org.gan4j.optim.OptimizerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times training iterations (one generator update with its discriminator updates) of the reference networks, after
 * warm-up iterations, and states the achieved FLOP rate as a share of this machine's GEMM peak.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Times training iterations of the networks of ../shared/bench (batch 64, Fashion-MNIST):",
                "dcgan (1 D + 1 G step, non-saturating, Adam 2e-4/0.5), mlp (same, MLP nets),",
                "wgan-gp (5 critic steps with gradient penalty + 1 G step, Adam 1e-4/0/0.9)."})
final class TrainingBenchmark implements Callable<Integer> {
    @Option(names = "--model", description = "dcgan, mlp or wgan-gp (default ${DEFAULT-VALUE})")
    String model = "dcgan";

    @Option(names = "--iters", description = "timed iterations (default ${DEFAULT-VALUE})")
    int iters = 50;

    @Option(names = "--warmup", description = "untimed iterations first (default ${DEFAULT-VALUE}; the JIT needs ~30)")
    int warmup = 30;

    @Option(names = "--data", description = "Fashion-MNIST IDX directory; the bundled subset when absent (default ${DEFAULT-VALUE})")
    Path data = Path.of(FashionMnist.DEBIAN_DIRECTORY);

    @Override
    public Integer call() {
        BenchmarkModels m = switch (model) {
            case "dcgan" -> BenchmarkModels.DCGAN;
            case "mlp" -> BenchmarkModels.MLP;
            case "wgan-gp" -> BenchmarkModels.WGAN_GP;
            default -> throw new IllegalArgumentException("--model must be dcgan, mlp or wgan-gp but was " + model);
        };
        IdxImages images = FashionMnist.isPresent(data) ? FashionMnist.trainingImages(data) : FashionMnist.bundledImages();
        IterationTimer timer = new IterationTimer(warmup, iters);
        GanTrainer.Builder trainer = GanTrainer.builder()
                .generator(m.generator()).discriminator(m.discriminator())
                .data(images.toDataSource())
                .batchSize(64).steps(warmup + iters).seed(0)
                .listener(timer);
        if (m == BenchmarkModels.WGAN_GP) {
            trainer.loss(WassersteinLoss.withGradientPenalty());
        } else {
            OptimizerSpec adam = OptimizerSpec.adam(2e-4, 0.5, 0.999);
            trainer.loss(new NonSaturatingLoss()).generatorOptimizer(adam).discriminatorOptimizer(adam);
        }
        long t0 = System.nanoTime();
        trainer.build().fit();
        double total = (System.nanoTime() - t0) / 1e9;
        if (Profiling.enabled()) {
            System.out.print(Profiling.table(iters));
        }
        Timings t = timer.timings();
        double gflops = m.flopsPerIteration() / t.median() / 1e9;
        double peak = GemmPeak.peakGflops();
        new Report(model).put("iters", iters).put("warmup", warmup).put("batch", 64).put("critic_steps", m.criticSteps())
                .put("images", images.count()).putAll(t.asMap("sec_per_iter"))
                .put("images_per_sec_median", 64 / t.median()).put("fit_seconds_total", total)
                .put("gflop_per_iter", m.flopsPerIteration() / 1e9).put("gflops_achieved", gflops)
                .put("gemm_peak_gflops", peak).put("percent_of_gemm_peak", 100 * gflops / peak)
                .print(System.out, String.format("%s threads=%d: %s per iteration; %.1f GFLOP/s = %.1f%% of the %.1f GFLOP/s GEMM peak",
                        model, Report.threads(), t.describeMillis(), gflops, 100 * gflops / peak, peak));
        return 0;
    }
}
