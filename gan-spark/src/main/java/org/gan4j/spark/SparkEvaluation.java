package org.gan4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.metrics.FeatureMoments;
import org.gan4j.metrics.FrechetDistance;
import org.gan4j.metrics.InceptionScoreSums;
import org.gan4j.metrics.KernelInceptionDistance;
import org.gan4j.metrics.PrecisionRecall;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * FID, Inception Score, KID and precision/recall of image sets too large for one machine, on Apache Spark. Each
 * partition extracts the features of its images and returns float64 partial statistics ({@link FeatureMoments}: count,
 * mean, co-moment; {@link InceptionScoreSums}: per-split sums by global index) and the features of a deterministic
 * subsample (every s-th image by index, s = ⌈n / subsample⌉). The driver merges the partials in partition-index order
 * with Chan et al.'s update, so the result does not depend on scheduling or retries, and equals the single-machine
 * computation on the whole set up to rounding (tests: 1e-9 relative for FID and IS at 1, 3 and 7 partitions). KID and
 * precision/recall run on the driver over the two subsamples (default 2,000 images each: 2,000 × d float64 per set
 * travel to the driver, 32 MB for Inception's 2,048 features).
 *
 * <pre>{@code
 * SetStatistics real = SparkEvaluation.ofImages(ImageChunk.distribute(sc, testImages, 250, 8), source, 2000);
 * SetStatistics fake = SparkEvaluation.ofGenerator(sc, Files.readAllBytes(generatorZip),
 *         GenerationPlan.of(50_000, 1, 8), source, 2000);
 * SparkEvaluation.Comparison c = SparkEvaluation.compare(fake, real, 1);   // c.fid().fid(), c.inceptionScore().mean()
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SparkEvaluation {
    /** Images per set whose features go to the driver for KID and precision/recall, by default. */
    public static final int DEFAULT_SUBSAMPLE = 2000;
    /** Precision/recall's k (Kynkäänniemi et al. 2019). */
    public static final int PRECISION_RECALL_K = 3;

    /**
     * The metrics of a generated set against a real one.
     *
     * @param fid             FID (generated vs real moments)
     * @param inceptionScore  the generated set's Inception Score
     * @param kid             KID on the subsamples (100 subsets of min(1,000, m) images)
     * @param precisionRecall precision and recall (k = 3) on the subsamples
     */
    public record Comparison(org.gan4j.metrics.FidResult fid, org.gan4j.metrics.IsResult inceptionScore,
                             org.gan4j.metrics.KidResult kid, PrecisionRecall precisionRecall) {
    }

    private SparkEvaluation() {
    }

    /**
     * @param images    the set, as chunks with global indices 0..n−1 (e.g. {@link ImageChunk#distribute})
     * @param source    the feature extractor each executor opens
     * @param subsample images whose features go to the driver, &gt;= 1
     * @return the set's statistics
     */
    public static SetStatistics ofImages(JavaRDD<ImageChunk> images, FeatureSource source, int subsample) {
        Objects.requireNonNull(images, "images == null");
        Objects.requireNonNull(source, "source == null");
        requireSubsample(subsample);
        long total = images.map(c -> (long) c.count()).fold(0L, Long::sum);
        if (total < 2) {
            throw new IllegalArgumentException("an image set needs at least 2 images but had " + total);
        }
        long stride = stride(total, subsample);
        List<PartitionMeasure.Result> parts = images.mapPartitionsWithIndex((partition, chunks) -> {
            PartitionMeasure measure = new PartitionMeasure(partition, ExecutorModels.extractor(source), total, stride);
            int record = 0;
            while (chunks.hasNext()) {
                ImageChunk chunk = chunks.next();
                measure.add(record++, chunk.firstIndex(), chunk.images());
            }
            return List.of(measure.result()).iterator();
        }, true).collect();
        return merge(parts, total, stride);
    }

    /**
     * @param sc        the Spark context
     * @param archive   a saved generator ({@code generator.zip}), broadcast to the executors
     * @param plan      which samples, in which chunks and partitions
     * @param source    the feature extractor each executor opens
     * @param subsample images whose features go to the driver, &gt;= 1
     * @return the generated set's statistics
     */
    public static SetStatistics ofGenerator(JavaSparkContext sc, byte[] archive, GenerationPlan plan, FeatureSource source,
                                            int subsample) {
        Objects.requireNonNull(archive, "archive == null");
        Objects.requireNonNull(plan, "plan == null");
        Objects.requireNonNull(source, "source == null");
        requireSubsample(subsample);
        requireLoadable(archive);
        if (plan.samples() < 2) {
            throw new IllegalArgumentException("a generated set needs at least 2 samples but the plan has " + plan.samples());
        }
        Broadcast<byte[]> model = sc.broadcast(archive);
        long stride = stride(plan.samples(), subsample);
        List<long[]> chunks = plan.chunks();
        List<PartitionMeasure.Result> parts = sc.parallelize(chunks, Math.min(plan.partitions(), chunks.size()))
                .mapPartitionsWithIndex((partition, ranges) -> {
                    GeneratorModel generator = ExecutorModels.generator(model.value());
                    PartitionMeasure measure = new PartitionMeasure(partition, ExecutorModels.extractor(source),
                            plan.samples(), stride);
                    int record = 0;
                    while (ranges.hasNext()) {
                        long[] range = ranges.next();
                        measure.add(record++, range[0], GeneratedChunk.images(generator, plan, range[0], range[1]));
                    }
                    return List.of(measure.result()).iterator();
                }, true).collect();
        return merge(parts, plan.samples(), stride);
    }

    /**
     * @param generated the generated set's statistics
     * @param real      the real set's statistics (same feature source)
     * @param kidSeed   the seed of KID's subset draws
     * @return FID, the generated set's IS, KID and precision/recall
     */
    public static Comparison compare(SetStatistics generated, SetStatistics real, long kidSeed) {
        Objects.requireNonNull(generated, "generated == null");
        Objects.requireNonNull(real, "real == null");
        if (generated.moments().dimension() != real.moments().dimension()) {
            throw new IllegalArgumentException("the sets were measured with different extractors: "
                    + generated.moments().dimension() + " and " + real.moments().dimension() + " features");
        }
        INDArray fake = generated.subsampleFeatures();
        INDArray realFeatures = real.subsampleFeatures();
        int subsetSize = (int) Math.min(KernelInceptionDistance.DEFAULT_SUBSET_SIZE, Math.min(fake.size(0), realFeatures.size(0)));
        return new Comparison(
                FrechetDistance.between(real.moments().statistics(), generated.moments().statistics()),
                generated.inceptionScore(),
                KernelInceptionDistance.between(realFeatures, fake, KernelInceptionDistance.DEFAULT_SUBSETS, subsetSize, kidSeed),
                PrecisionRecall.of(realFeatures, fake, PRECISION_RECALL_K));
    }

    private static SetStatistics merge(List<PartitionMeasure.Result> parts, long total, long stride) {
        List<PartitionMeasure.Result> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(PartitionMeasure.Result::partition));
        FeatureMoments moments = null;
        InceptionScoreSums sums = null;
        java.util.TreeMap<Long, double[]> rows = new java.util.TreeMap<>();
        long count = 0;
        int used = 0;
        for (PartitionMeasure.Result part : ordered) {
            if (part.count() == 0) {
                continue;
            }
            used++;
            count += part.count();
            moments = moments == null ? part.moments() : moments.merge(part.moments());
            sums = sums == null ? part.isSums() : sums.merge(part.isSums());
            for (int i = 0; i < part.subsample().length; i++) {
                rows.put(part.subsampleIndices()[i], part.subsample()[i]);
            }
        }
        if (count != total) {
            throw new IllegalStateException("the partitions measured " + count + " of " + total + " images");
        }
        return new SetStatistics(count, used, moments, sums, stride, rows.values().toArray(new double[0][]));
    }

    private static long stride(long total, int subsample) {
        return (total + subsample - 1) / subsample;
    }

    private static void requireSubsample(int subsample) {
        if (subsample < 1) {
            throw new IllegalArgumentException("subsample must be >= 1 but was " + subsample);
        }
    }

    static void requireLoadable(byte[] archive) {
        Archives.requireLoadable(archive, "generator", GeneratorModel::load);
    }
}
