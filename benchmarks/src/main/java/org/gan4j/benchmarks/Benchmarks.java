package org.gan4j.benchmarks;

import org.gan4j.dl4j.NativeMemory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmark programs. Run one with {@code mvn -B -q -pl benchmarks exec:exec -Dgan4j.threads=1 -Dargs="train"};
 * {@code benchmarks/compare.sh} runs them beside the PyTorch/scipy references and prints the ratios. The native
 * allocator keeps freed memory ({@link NativeMemory#retainFreedMemory()}, as the references tune theirs) unless
 * {@code GAN4J_DEFAULT_MALLOC=1}; each result says which under {@code "allocator"}.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = {"gan4j speed benchmarks; each prints a human line and a RESULT {json} line.",
                "The thread count is OMP_NUM_THREADS (-Dgan4j.threads=N with mvn exec:exec)."},
        subcommands = {TrainingBenchmark.class, CycleGanBenchmark.class, StyleGanBenchmark.class, FidBenchmark.class, SamplingBenchmark.class, ServeBenchmark.class, ImageFolderBenchmark.class, GemmPeak.class,
                MemoryBenchmark.class})
public final class Benchmarks {
    private Benchmarks() {
    }

    /**
     * @param args a benchmark name and its options
     */
    public static void main(String[] args) {
        Report.allocator = "1".equals(System.getenv("GAN4J_DEFAULT_MALLOC")) ? "glibc-default"
                : NativeMemory.retainFreedMemory() ? "retain-freed" : "unchanged";
        System.exit(new CommandLine(new Benchmarks()).execute(args));
    }
}
