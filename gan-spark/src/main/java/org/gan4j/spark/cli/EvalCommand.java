package org.gan4j.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.gan4j.data.FashionMnist;
import org.gan4j.data.IdxImages;
import org.gan4j.dl4j.BuildInfo;
import org.gan4j.dl4j.io.AtomicFiles;
import org.gan4j.spark.FeatureSource;
import org.gan4j.spark.ImageChunk;
import org.gan4j.spark.SetStatistics;
import org.gan4j.spark.SparkEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** FID, IS, KID and precision/recall of a generator against real images, computed on the cluster. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Draws --samples images from the generator on the cluster and measures them against --real",
            "(an IDX image file, read by the driver and spread over the partitions; default: the bundled Fashion-MNIST",
            "test subset). Features: the bundled classifier, or an InceptionV3 ONNX export given by --inception.",
            "Writes --out (JSON): FID, IS, KID, precision/recall, counts, seconds, versions."})
final class EvalCommand implements Callable<Integer> {
    @Mixin
    SparkOptions spark;

    @Option(names = "--real", description = "real images, an IDX file (.gz allowed), pixels scaled to [-1, 1]")
    Path real;

    @Option(names = "--inception", description = "an InceptionV3 ONNX export (docs/metrics.md); default: the bundled classifier")
    Path inception;

    @Option(names = "--subsample", description = "images per set for KID and precision/recall (default ${DEFAULT-VALUE})")
    int subsample = SparkEvaluation.DEFAULT_SUBSAMPLE;

    @Option(names = "--out", description = "the summary file (default ${DEFAULT-VALUE})")
    Path out = Path.of("spark-eval.json");

    @Override
    public Integer call() throws Exception {
        byte[] archive = spark.archive();
        FeatureSource source = inception == null ? FeatureSource.bundledClassifier()
                : FeatureSource.onnxInception(Files.readAllBytes(inception), inception.getFileName().toString());
        IdxImages images = real == null ? FashionMnist.bundledTestImages() : IdxImages.read(real);
        long start = System.nanoTime();
        SparkSession session = spark.session("gan4j eval");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            SetStatistics realStats = SparkEvaluation.ofImages(ImageChunk.distribute(sc, images.toArray(),
                    spark.chunk, spark.partitions), source, subsample);
            long generatedStart = System.nanoTime();
            SetStatistics fake = SparkEvaluation.ofGenerator(sc, archive, spark.plan(), source, subsample);
            double generatedSeconds = (System.nanoTime() - generatedStart) / 1e9;
            SparkEvaluation.Comparison c = SparkEvaluation.compare(fake, realStats, spark.seed);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("generator", spark.generator.toString());
            summary.put("samples", fake.count());
            summary.put("seed", spark.seed);
            summary.put("real", real == null ? "bundled Fashion-MNIST test subset" : real.toString());
            summary.put("real_images", realStats.count());
            summary.put("features", inception == null ? "bundled Fashion-MNIST classifier" : inception.toString());
            summary.put("partitions", fake.partitions());
            summary.put("fid", c.fid().fid());
            summary.put("inception_score", c.inceptionScore().mean());
            summary.put("inception_score_std", c.inceptionScore().std());
            summary.put("kid", c.kid().mean());
            summary.put("kid_std", c.kid().std());
            summary.put("precision", c.precisionRecall().precision());
            summary.put("recall", c.precisionRecall().recall());
            summary.put("subsample_per_set", fake.subsample().length);
            summary.put("seconds", (System.nanoTime() - start) / 1e9);
            summary.put("generated_set_seconds", generatedSeconds);
            summary.put("versions", BuildInfo.versions());
            AtomicFiles.write(out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
            System.out.printf("FID %.4f  IS %.4f  KID %.6f  precision %.3f  recall %.3f  (%d samples, %d partitions) -> %s%n",
                    c.fid().fid(), c.inceptionScore().mean(), c.kid().mean(), c.precisionRecall().precision(),
                    c.precisionRecall().recall(), fake.count(), fake.partitions(), out);
        } finally {
            session.stop();
        }
        return 0;
    }
}
