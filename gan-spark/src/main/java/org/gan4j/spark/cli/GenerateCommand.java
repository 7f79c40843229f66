package org.gan4j.spark.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.gan4j.spark.SparkGeneration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Many samples of a generator, written by the cluster as PNG files or Parquet rows. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Draws --samples images from the generator on the cluster, identical at any partition count,",
            "and writes them to --out: PNG files sample-000000042.png (a directory every executor can write), or",
            "Parquet rows (index, seed, label, png) with --format parquet (any path Spark writes: HDFS, S3, local)."})
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    SparkOptions spark;

    @Option(names = "--format", description = "png or parquet (default ${DEFAULT-VALUE})")
    String format = "png";

    @Option(names = "--out", required = true, description = "the output directory or Parquet path")
    String out;

    @Override
    public Integer call() {
        if (!format.equals("png") && !format.equals("parquet")) {
            throw new IllegalArgumentException("--format must be png or parquet but was " + format);
        }
        byte[] archive = spark.archive();
        SparkSession session = spark.session("gan4j generate");
        try {
            SparkGeneration.Summary s = format.equals("png")
                    ? SparkGeneration.toPng(JavaSparkContext.fromSparkContext(session.sparkContext()), archive,
                            spark.plan(), Path.of(out))
                    : SparkGeneration.toParquet(session, archive, spark.plan(), out);
            System.out.printf("%d samples in %.1f s (per partition %s) -> %s%n", s.samples(), s.seconds(),
                    Arrays.toString(s.perPartition()), out);
        } finally {
            session.stop();
        }
        return 0;
    }
}
