package org.gan4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gan4j.dl4j.GeneratorModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Many samples of a generator, made on a Spark cluster: sample i is drawn as {@link GenerationPlan} defines it (its
 * own stream of (seed, i), computed in a fixed chunk), so the files are byte-identical at any partition count. As PNG
 * files {@code sample-000000042.png} in a directory every executor can write to (each written to a temporary name and
 * moved into place, so a retried or killed task leaves no half-written image), or as Parquet rows (index, seed,
 * label, png) written by Spark SQL.
 *
 * @since 0.1.0
 */
public final class SparkGeneration {
    /** Parquet columns: the sample's index, the plan's seed, its class (−1 for an unconditional generator), PNG bytes. */
    public static final StructType PARQUET_SCHEMA = new StructType()
            .add("index", DataTypes.LongType, false)
            .add("seed", DataTypes.LongType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("png", DataTypes.BinaryType, false);

    /**
     * What a generation wrote.
     *
     * @param samples      images written
     * @param perPartition images per partition, in partition order
     * @param seconds      wall-clock time of the job
     */
    public record Summary(long samples, long[] perPartition, double seconds) {
    }

    private SparkGeneration() {
    }

    /**
     * @param sc        the Spark context
     * @param archive   a saved generator ({@code generator.zip}), broadcast to the executors
     * @param plan      which samples, in which chunks and partitions
     * @param directory a directory every executor reaches (a shared file system on a cluster); created if absent
     * @return what was written
     */
    public static Summary toPng(JavaSparkContext sc, byte[] archive, GenerationPlan plan, Path directory) {
        Objects.requireNonNull(directory, "directory == null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        String target = directory.toAbsolutePath().toString();
        long start = System.nanoTime();
        List<long[]> counts = pngs(sc, archive, plan).mapPartitionsWithIndex((partition, samples) -> {
            long written = 0;
            while (samples.hasNext()) {
                Row row = samples.next();
                Path file = Path.of(target, String.format("sample-%09d.png", row.getLong(0)));
                Path temporary = Path.of(target, "." + file.getFileName() + ".tmp-" + partition);
                Files.write(temporary, (byte[]) row.get(3));
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written++;
            }
            return List.of(new long[] {partition, written}).iterator();
        }, true).collect();
        return summary(counts, start);
    }

    /**
     * @param spark   the Spark session
     * @param archive a saved generator, broadcast to the executors
     * @param plan    which samples, in which chunks and partitions
     * @param path    where Spark writes the Parquet files (overwritten)
     * @return what was written
     */
    public static Summary toParquet(SparkSession spark, byte[] archive, GenerationPlan plan, String path) {
        Objects.requireNonNull(path, "path == null");
        long start = System.nanoTime();
        JavaRDD<Row> rows = pngs(JavaSparkContext.fromSparkContext(spark.sparkContext()), archive, plan);
        Dataset<Row> frame = spark.createDataFrame(rows, PARQUET_SCHEMA);
        frame.write().mode("overwrite").parquet(path);
        List<long[]> counts = new ArrayList<>();
        long[] perPartition = spark.read().parquet(path).javaRDD().mapPartitions(it -> {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return List.of(n).iterator();
        }).collect().stream().mapToLong(Long::longValue).toArray();
        for (int p = 0; p < perPartition.length; p++) {
            counts.add(new long[] {p, perPartition[p]});
        }
        return summary(counts, start);
    }

    /**
     * Translates an image set with a CycleGAN translator and writes {@code translation-000000042.png} for input image
     * 42 (the input's global index), each written to a temporary name and moved into place.
     *
     * @param translator a saved translator ({@code xToY.zip}), broadcast to the executors
     * @param images     the inputs as chunks with global indices (e.g. {@link ImageFiles#read}, {@link ImageChunk#distribute})
     * @param directory  a directory every executor reaches; created if absent
     * @return what was written
     */
    public static Summary translate(byte[] translator, JavaRDD<ImageChunk> images, Path directory) {
        Objects.requireNonNull(translator, "translator == null");
        Objects.requireNonNull(images, "images == null");
        Objects.requireNonNull(directory, "directory == null");
        TranslatorArchives.requireLoadable(translator);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        String target = directory.toAbsolutePath().toString();
        Broadcast<byte[]> model = JavaSparkContext.fromSparkContext(images.context()).broadcast(translator);
        long start = System.nanoTime();
        List<long[]> counts = images.mapPartitionsWithIndex((partition, chunks) -> {
            long written = 0;
            int record = 0;
            while (chunks.hasNext()) {
                ImageChunk chunk = chunks.next();
                INDArray out = TranslatorArchives.translate(model.value(), chunk, partition, record++);
                for (int i = 0; i < chunk.count(); i++) {
                    Path file = Path.of(target, String.format("translation-%09d.png", chunk.firstIndex() + i));
                    Path temporary = Path.of(target, "." + file.getFileName() + ".tmp-" + partition);
                    Files.write(temporary, PngImages.encode(out.get(NDArrayIndex.point(i))));
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    written++;
                }
            }
            return List.of(new long[] {partition, written}).iterator();
        }, true).collect();
        return summary(counts, start);
    }

    /** @return one row (index, seed, label, png) per sample, partitioned as the plan says */
    static JavaRDD<Row> pngs(JavaSparkContext sc, byte[] archive, GenerationPlan plan) {
        Objects.requireNonNull(archive, "archive == null");
        Objects.requireNonNull(plan, "plan == null");
        SparkEvaluation.requireLoadable(archive);
        Broadcast<byte[]> model = sc.broadcast(archive);
        List<long[]> chunks = plan.chunks();
        return sc.parallelize(chunks, Math.min(plan.partitions(), chunks.size())).flatMap(range -> {
            GeneratorModel generator = ExecutorModels.generator(model.value());
            INDArray images = GeneratedChunk.images(generator, plan, range[0], range[1]);
            int[] labels = GeneratedChunk.labels(generator, range[0], range[1]);
            List<Row> rows = new ArrayList<>(labels.length);
            for (int i = 0; i < labels.length; i++) {
                rows.add(RowFactory.create(range[0] + i, plan.seed(), labels[i],
                        PngImages.encode(images.get(NDArrayIndex.point(i)))));
            }
            return rows.iterator();
        });
    }

    private static Summary summary(List<long[]> counts, long start) {
        List<long[]> ordered = new ArrayList<>(counts);
        ordered.sort(Comparator.comparingLong(c -> c[0]));
        long[] perPartition = ordered.stream().mapToLong(c -> c[1]).toArray();
        return new Summary(java.util.Arrays.stream(perPartition).sum(), perPartition, (System.nanoTime() - start) / 1e9);
    }
}
