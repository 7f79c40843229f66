package org.example.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.gan4j.spark.FeatureSource;
import org.gan4j.spark.GenerationPlan;
import org.gan4j.spark.SetStatistics;
import org.gan4j.spark.SparkEvaluation;

/** What a Spark application writes: the statistics of 50,000 samples of a saved generator, on the cluster. */
public final class SparkJob {
    private SparkJob() {
    }

    public static GenerationPlan plan(int partitions) {
        return GenerationPlan.of(50_000, 1, partitions);
    }

    public static SetStatistics measure(JavaSparkContext sc, Path generator) throws java.io.IOException {
        return SparkEvaluation.ofGenerator(sc, Files.readAllBytes(generator), plan(sc.defaultParallelism()),
                FeatureSource.bundledClassifier(), SparkEvaluation.DEFAULT_SUBSAMPLE);
    }
}
