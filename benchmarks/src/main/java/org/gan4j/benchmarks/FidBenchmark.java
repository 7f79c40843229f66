package org.gan4j.benchmarks;

import java.util.concurrent.Callable;
import org.gan4j.metrics.FeatureStatistics;
import org.gan4j.metrics.FidResult;
import org.gan4j.metrics.FrechetDistance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * FID between two sets of n × d features, timed end to end (float64 statistics of both sets, then the distance), on
 * features built like ../shared/bench/fid_ref.py's: non-negative, correlated, max(0, N(0,1)^{n×256} · M), M ~ N(0,1/256).
 */
@Command(name = "fid", mixinStandardHelpOptions = true,
        description = "Times FID between two sets of n x d float32 features (statistics + distance).")
final class FidBenchmark implements Callable<Integer> {
    @Option(names = "--n", description = "features per set (default ${DEFAULT-VALUE})")
    int n = 10_000;

    @Option(names = "--d", description = "feature dimension (default ${DEFAULT-VALUE})")
    int d = 2048;

    @Option(names = "--reps", description = "timed repetitions (default ${DEFAULT-VALUE})")
    int reps = 3;

    @Override
    public Integer call() {
        Nd4j.getRandom().setSeed(0);
        INDArray mix = Nd4j.randn(DataType.FLOAT, 256, d).divi(16.0);
        INDArray x1 = Transforms.relu(Nd4j.randn(DataType.FLOAT, n, 256).mmul(mix), false);
        INDArray x2 = Transforms.relu(Nd4j.randn(DataType.FLOAT, n, 256).mmul(mix)
                .addi(Nd4j.randn(DataType.FLOAT, n, d).muli(0.05)), false);
        long[] stats = new long[reps];
        long[] distance = new long[reps];
        long[] total = new long[reps];
        FidResult fid = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            FeatureStatistics s1 = FeatureStatistics.of(x1);
            FeatureStatistics s2 = FeatureStatistics.of(x2);
            long t1 = System.nanoTime();
            fid = FrechetDistance.between(s1, s2);
            long t2 = System.nanoTime();
            stats[r] = t1 - t0;
            distance[r] = t2 - t1;
            total[r] = t2 - t0;
        }
        Timings s = Timings.ofNanos(stats);
        Timings f = Timings.ofNanos(distance);
        Timings t = Timings.ofNanos(total);
        new Report("fid").put("n", n).put("d", d).put("reps", reps).put("fid", fid.fid())
                .putAll(s.asMap("stats_s")).putAll(f.asMap("distance_s")).putAll(t.asMap("total_s"))
                .print(System.out, String.format("FID threads=%d N=%d D=%d reps=%d: statistics (2 sets) med %.3f s | distance med %.3f s"
                        + " | total min %.3f s med %.3f s | FID=%.6f", Report.threads(), n, d, reps, s.median(), f.median(),
                        t.min(), t.median(), fid.fid()));
        return 0;
    }
}
