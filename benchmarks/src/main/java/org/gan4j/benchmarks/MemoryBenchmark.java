package org.gan4j.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.Pointer;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.data.FashionMnist;
import org.gan4j.data.IdxImages;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.losses.WassersteinLoss;
import org.gan4j.zoo.Dcgan;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains a benchmark model (the DCGAN, WGAN-GP or CycleGAN of {@code train} and {@code cyclegan}) for many steps and
 * prints, every N steps, the process's resident set (RSS), ND4J's own count of off-heap bytes and the Java heap in
 * use, then the RSS growth over the second half of the run (flat: below 2%).
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Long run printing RSS, ND4J off-heap and Java heap every --every steps, and RSS growth over the last half.")
final class MemoryBenchmark implements Callable<Integer> {
    @Option(names = "--model", description = "dcgan, wgan-gp or cyclegan (default ${DEFAULT-VALUE})")
    String model = "dcgan";

    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    long steps = 5000;

    @Option(names = "--every", description = "steps between readings (default ${DEFAULT-VALUE})")
    int every = 500;

    @Option(names = "--data", description = "Fashion-MNIST IDX directory; the bundled subset when absent (default ${DEFAULT-VALUE})")
    Path data = Path.of(FashionMnist.DEBIAN_DIRECTORY);

    /** @return the RSS of the first reading at or after the step */
    private static double rssAt(List<Map<String, Object>> readings, long step) {
        for (Map<String, Object> r : readings) {
            if ((long) r.get("step") >= step) {
                return (double) r.get("rss_mb");
            }
        }
        return (double) readings.get(readings.size() - 1).get("rss_mb");
    }

    @Override
    public Integer call() {
        IdxImages images = FashionMnist.isPresent(data) ? FashionMnist.trainingImages(data) : FashionMnist.bundledImages();
        List<Map<String, Object>> readings = new ArrayList<>();
        long t0 = System.nanoTime();
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onStepEnd(TrainingView view, StepResult result) {
                if (result.step() % every == 0 || result.step() == 1) {
                    Runtime rt = Runtime.getRuntime();
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("step", result.step());
                    r.put("seconds", (System.nanoTime() - t0) / 1e9);
                    r.put("rss_mb", Pointer.physicalBytes() / 1048576.0);
                    r.put("nd4j_offheap_mb", Nd4j.getMemoryManager().allocatedMemory(0) / 1048576.0);
                    r.put("javacpp_tracked_mb", Pointer.totalBytes() / 1048576.0);
                    r.put("heap_used_mb", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
                    r.put("heap_committed_mb", rt.totalMemory() / 1048576.0);
                    readings.add(r);
                    System.out.printf("step %6d  %7.1f s  RSS %8.1f MB  ND4J off-heap %8.1f MB  JavaCPP %8.1f MB  heap %7.1f MB"
                                    + " (committed %7.1f MB)%n", result.step(), r.get("seconds"), r.get("rss_mb"),
                            r.get("nd4j_offheap_mb"), r.get("javacpp_tracked_mb"), r.get("heap_used_mb"),
                            r.get("heap_committed_mb"));
                }
            }
        };
        switch (model) {
            case "dcgan" -> GanTrainer.builder()
                    .generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                    .data(images.toDataSource())
                    .batchSize(64).steps(steps).seed(0)
                    .listener(probe)
                    .build().fit();
            case "wgan-gp" -> GanTrainer.builder()
                    .generator(BenchmarkModels.WGAN_GP.generator()).discriminator(BenchmarkModels.WGAN_GP.discriminator())
                    .loss(WassersteinLoss.withGradientPenalty())
                    .data(images.toDataSource())
                    .batchSize(64).steps(steps).seed(0)
                    .listener(probe)
                    .build().fit();
            case "cyclegan" -> CycleGanBenchmark.trainer(data, 8, 16, 3, steps, probe).fit();
            default -> throw new IllegalArgumentException("--model must be dcgan, wgan-gp or cyclegan but was " + model);
        }
        double half = rssAt(readings, steps / 2);
        double end = (double) readings.get(readings.size() - 1).get("rss_mb");
        double growth = 100 * (end - half) / half;
        new Report("memory").put("model", model).put("steps", steps).put("every", every)
                .put("rss_growth_last_half_percent", growth).put("readings", readings)
                .print(System.out, String.format("memory %s: %d readings over %d steps; RSS %.1f MB at step %d, %.1f MB at"
                        + " the end: %+.2f%% over the last half", model, readings.size(), steps, half, steps / 2, end, growth));
        return 0;
    }
}
