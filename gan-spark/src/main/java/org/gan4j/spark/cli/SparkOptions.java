package org.gan4j.spark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.gan4j.spark.GenerationPlan;
import picocli.CommandLine.Option;

/** Options every command shares: the generator, the plan, and the Spark master when not run by spark-submit. */
final class SparkOptions {
    @Option(names = "--generator", required = true, description = "a saved generator (generator.zip)")
    Path generator;

    @Option(names = "--samples", description = "samples to draw (default ${DEFAULT-VALUE})")
    long samples = 50_000;

    @Option(names = "--seed", description = "seed of the sample streams (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--partitions", description = "Spark partitions (default ${DEFAULT-VALUE})")
    int partitions = 8;

    @Option(names = "--chunk", description = "samples per generator call (default ${DEFAULT-VALUE})")
    int chunk = GenerationPlan.DEFAULT_CHUNK;

    @Option(names = "--master", description = "Spark master when not given by spark-submit, e.g. local[4]")
    String master;

    GenerationPlan plan() {
        return new GenerationPlan(samples, seed, chunk, partitions);
    }

    byte[] archive() {
        if (!Files.isRegularFile(generator)) {
            throw new IllegalArgumentException("--generator " + generator + " is not a file");
        }
        try {
            return Files.readAllBytes(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --generator " + generator, e);
        }
    }

    SparkSession session(String name) {
        SparkConf conf = new SparkConf().setAppName(name);
        if (master != null) {
            conf.setMaster(master);
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
