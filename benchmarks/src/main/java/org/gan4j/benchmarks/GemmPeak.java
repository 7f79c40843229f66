package org.gan4j.benchmarks;

import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Single-precision GEMM throughput through ND4J (C = A·B into a preallocated C), as ../shared/bench/gemm_peak.py. */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = "float32 GEMM throughput of ND4J on this machine (GFLOP/s, FLOPs = 2n^3).")
final class GemmPeak implements Callable<Integer> {
    @Option(names = "--size", description = "matrix size n (default ${DEFAULT-VALUE})")
    int size = 2048;

    @Option(names = "--reps", description = "timed repetitions (default ${DEFAULT-VALUE})")
    int reps = 15;

    @Override
    public Integer call() {
        Timings t = measure(size, reps);
        double gflops = gflops(size, t.median());
        new Report("gemm").put("size", size).putAll(t.asMap("sec")).put("gflops_median", gflops)
                .put("gflops_max", gflops(size, t.min()))
                .print(System.out, String.format("GEMM %dx%d float32: %s -> %.1f GFLOP/s (best %.1f)", size, size,
                        t.describeMillis(), gflops, gflops(size, t.min())));
        return 0;
    }

    static Timings measure(int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'f');
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        long[] nanos = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            nanos[i] = System.nanoTime() - t0;
        }
        return Timings.ofNanos(nanos);
    }

    /** @return the best GFLOP/s of a 2048² float32 GEMM, from a short measurement */
    static double peakGflops() {
        return gflops(2048, measure(2048, 7).min());
    }

    static double gflops(int n, double seconds) {
        return 2.0 * n * n * (double) n / seconds / 1e9;
    }
}
