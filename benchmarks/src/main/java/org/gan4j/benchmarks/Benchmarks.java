package org.gan4j.benchmarks;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmark programs. Run one with {@code mvn -B -q -pl benchmarks exec:exec -Dgan4j.threads=1 -Dargs="train"};
 * {@code benchmarks/compare.sh} runs them beside the PyTorch/scipy references and prints the ratios.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = {"gan4j speed benchmarks; each prints a human line and a RESULT {json} line.",
                "The thread count is OMP_NUM_THREADS (-Dgan4j.threads=N with mvn exec:exec)."},
        subcommands = {TrainingBenchmark.class, StyleGanBenchmark.class, FidBenchmark.class, SamplingBenchmark.class, ServeBenchmark.class, ImageFolderBenchmark.class, GemmPeak.class,
                MemoryBenchmark.class})
public final class Benchmarks {
    private Benchmarks() {
    }

    /**
     * @param args a benchmark name and its options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmarks()).execute(args));
    }
}
