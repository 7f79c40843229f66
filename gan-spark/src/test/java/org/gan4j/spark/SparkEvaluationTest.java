package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.gan4j.data.FashionMnist;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.metric.FeatureExtractor;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.metrics.FeatureStatistics;
import org.gan4j.metrics.FrechetDistance;
import org.gan4j.metrics.InceptionScore;
import org.gan4j.metrics.IsResult;
import org.gan4j.metrics.KernelInceptionDistance;
import org.gan4j.metrics.KidResult;
import org.gan4j.metrics.PrecisionRecall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Distributed FID, IS, KID and precision/recall on a local Spark (2 threads) against gan4j's single-machine metrics
 * on the same images: 1,000 samples of a small Fashion-MNIST generator against the 2,000 bundled test images, with
 * the bundled classifier; at 1, 3 and 7 partitions; with a task that fails once; with bad input.
 */
class SparkEvaluationTest {
    private static final int SAMPLES = 1000;
    private static final int SUBSAMPLE = 400;
    @TempDir
    static Path dir;
    static JavaSparkContext sc;
    static byte[] archive;
    static INDArray real;
    static double singleFid;
    static IsResult singleIs;
    static KidResult singleKid;
    static PrecisionRecall singlePr;

    @BeforeAll
    static void start() throws Exception {
        sc = SparkFixture.localSpark();
        archive = SparkFixture.generatorArchive(0, dir);
        real = FashionMnist.bundledTestImages().toArray();
        GeneratorModel generator = GeneratorModel.load(dir.resolve("generator-0.zip"));
        GenerationPlan plan = new GenerationPlan(SAMPLES, 7, 100, 1);
        List<INDArray> chunks = new ArrayList<>();
        for (long[] range : plan.chunks()) {
            chunks.add(GeneratedChunk.images(generator, plan, range[0], range[1]));
        }
        INDArray fake = Nd4j.concat(0, chunks.toArray(new INDArray[0]));
        FashionMnistClassifier classifier = FashionMnistClassifier.bundled();
        INDArray[] fakeOut = classifier.featuresAndLogits(fake);
        INDArray realFeatures = classifier.features(real);
        singleFid = FrechetDistance.between(FeatureStatistics.of(realFeatures), FeatureStatistics.of(fakeOut[0])).fid();
        singleIs = InceptionScore.fromLogits(fakeOut[1], 10);
        INDArray fakeSub = fakeOut[0].get(NDArrayIndex.interval(0, 3, SAMPLES));
        INDArray realSub = realFeatures.get(NDArrayIndex.interval(0, 5, real.size(0)));
        singleKid = KernelInceptionDistance.between(realSub, fakeSub, 100, (int) fakeSub.size(0), 1);
        singlePr = PrecisionRecall.of(realSub, fakeSub, 3);
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 7})
    void should_equal_the_single_machine_metrics_at_any_partition_count(int partitions) {
        SetStatistics realStats = SparkEvaluation.ofImages(ImageChunk.distribute(sc, real, 250, partitions),
                FeatureSource.bundledClassifier(), SUBSAMPLE);
        SetStatistics fakeStats = SparkEvaluation.ofGenerator(sc, archive, new GenerationPlan(SAMPLES, 7, 100, partitions),
                FeatureSource.bundledClassifier(), SUBSAMPLE);
        SparkEvaluation.Comparison c = SparkEvaluation.compare(fakeStats, realStats, 1);

        assertThat(fakeStats.partitions()).isEqualTo(partitions);
        assertThat(fakeStats.stride()).isEqualTo(3);
        assertThat(realStats.stride()).isEqualTo(5);
        // float32 features: on some CPUs (AVX2, Zen 3) the classifier's rounding depends on the batch, and the metrics
        // of batches of 250 moved from those of one batch by up to 1.5e-9 relative (KID); 1e-7 is float32's scale
        assertThat(c.fid().fid()).as("FID").isCloseTo(singleFid, within(1e-7 * singleFid));
        assertThat(c.inceptionScore().mean()).as("IS").isCloseTo(singleIs.mean(), within(1e-7 * singleIs.mean()));
        assertThat(c.inceptionScore().std()).isCloseTo(singleIs.std(), within(1e-7 * singleIs.std()));
        assertThat(c.kid().mean()).as("KID").isCloseTo(singleKid.mean(), within(1e-7 * Math.abs(singleKid.mean())));
        assertThat(c.precisionRecall()).as("precision/recall").isEqualTo(singlePr);
        System.err.printf("%d partitions: FID %.6f (single %.6f), IS %.6f, KID %.6f, %s%n", partitions, c.fid().fid(),
                singleFid, c.inceptionScore().mean(), c.kid().mean(), c.precisionRecall());
    }

    /** The ONNX feature source (the 26 KB InceptionV3-shaped fixture of gan-metrics) through the executors. */
    @Test
    void should_measure_with_an_onnx_model_as_the_model_does_on_one_machine() throws Exception {
        byte[] onnx;
        try (java.io.InputStream in = getClass().getResourceAsStream("/fixtures/small_inception.onnx")) {
            onnx = in.readAllBytes();
        }
        FeatureSource source = FeatureSource.onnxInception(onnx, "small_inception.onnx");
        assertThat(source.key()).isEqualTo(FeatureSource.onnxInception(onnx.clone(), "small_inception.onnx").key())
                .startsWith("onnx:small_inception.onnx:");
        INDArray images = real.get(NDArrayIndex.interval(0, 120)).dup();
        SetStatistics spread = SparkEvaluation.ofImages(ImageChunk.distribute(sc, images, 40, 3), source, 20);
        FeatureExtractor local = source.open();
        INDArray[] out = local.featuresAndLogits(images);
        FeatureStatistics whole = FeatureStatistics.of(out[0]);
        double[] mean = whole.mean().data().asDouble();
        double[] merged = spread.moments().mean();
        // batches of 40 against one of 120: float32 rounding that depends on the batch on some CPUs (as above)
        for (int j = 0; j < mean.length; j++) {
            assertThat(merged[j]).isCloseTo(mean[j], within(1e-9 + 1e-7 * Math.abs(mean[j])));
        }
        IsResult is = InceptionScore.fromLogits(out[1], 10);
        assertThat(spread.inceptionScore().mean()).isCloseTo(is.mean(), within(1e-7 * is.mean()));
    }

    @Test
    void should_give_the_same_result_when_a_task_fails_once_and_is_retried() {
        GenerationPlan plan = new GenerationPlan(SAMPLES, 7, 100, 3);
        SetStatistics clean = SparkEvaluation.ofGenerator(sc, archive, plan, FeatureSource.bundledClassifier(), SUBSAMPLE);
        SetStatistics retried = SparkEvaluation.ofGenerator(sc, archive, plan, new FailingOnce(), SUBSAMPLE);
        assertThat(FailingOnce.failures()).as("injected executor failures").isGreaterThanOrEqualTo(1);
        assertThat(retried.moments().mean()).containsExactly(clean.moments().mean());
        assertThat(retried.moments().coMoment()).containsExactly(clean.moments().coMoment());
        assertThat(retried.inceptionScore().mean()).isEqualTo(clean.inceptionScore().mean());
    }

    @Test
    void should_keep_the_subsample_in_index_order_whatever_order_the_partitions_hold() {
        List<ImageChunk> chunks = new ArrayList<>(ImageChunk.distribute(sc, real, 250, 1).collect());
        SetStatistics ordered = SparkEvaluation.ofImages(sc.parallelize(chunks, 4), FeatureSource.bundledClassifier(),
                SUBSAMPLE);
        java.util.Collections.reverse(chunks);
        SetStatistics reversed = SparkEvaluation.ofImages(sc.parallelize(chunks, 4), FeatureSource.bundledClassifier(),
                SUBSAMPLE);
        assertThat(reversed.subsample()).isDeepEqualTo(ordered.subsample());
        assertThat(reversed.inceptionScore().mean()).isCloseTo(ordered.inceptionScore().mean(),
                within(1e-12 * ordered.inceptionScore().mean()));
    }

    @Test
    void should_fail_the_job_naming_the_partition_and_record_of_a_bad_image() {
        List<ImageChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            INDArray part = real.get(NDArrayIndex.interval(i * 250, (i + 1) * 250)).dup('c');
            chunks.add(new ImageChunk(i * 250L, new long[] {1, 28, 28}, part.data().asFloat()));
        }
        chunks.set(3, new ImageChunk(750, new long[] {1, 27, 28}, new float[250 * 27 * 28]));
        assertThatThrownBy(() -> SparkEvaluation.ofImages(sc.parallelize(chunks, 2), FeatureSource.bundledClassifier(),
                SUBSAMPLE))
                .isInstanceOf(SparkException.class)
                .hasMessageContaining("IllegalArgumentException: partition 1, record 1 (images 750..999): images must have"
                        + " shape [n, 1, 28, 28] but was [250, 1, 27, 28]");

        float[] bright = real.get(NDArrayIndex.interval(0, 250)).dup('c').data().asFloat();
        bright[784 * 3 + 5] = 7f;
        assertThatThrownBy(() -> SparkEvaluation.ofImages(sc.parallelize(List.of(
                        new ImageChunk(0, new long[] {1, 28, 28}, bright)), 1), FeatureSource.bundledClassifier(), SUBSAMPLE))
                .hasMessageContaining("partition 0, record 0 (images 0..249): image 3 holds 7.0 at pixel 5; pixels must be"
                        + " finite and in [-1, 1]");
    }

    @Test
    void should_refuse_an_unreadable_generator_before_any_task_starts() throws Exception {
        byte[] broken = archive.clone();
        for (int i = broken.length / 2; i < broken.length / 2 + 64; i++) {
            broken[i] ^= 0x5A;
        }
        assertThatThrownBy(() -> SparkEvaluation.ofGenerator(sc, broken, GenerationPlan.of(100, 1, 2),
                FeatureSource.bundledClassifier(), SUBSAMPLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the generator archive (" + broken.length + " bytes) cannot be loaded: ");
        assertThatThrownBy(() -> SparkEvaluation.ofGenerator(sc, Files.readAllBytes(dir.resolve("generator-0.zip")),
                GenerationPlan.of(100, 1, 2), FeatureSource.bundledClassifier(), 0))
                .hasMessage("subsample must be >= 1 but was 0");
    }

    /** The bundled classifier, except that partition 1's first attempt fails as a lost executor would. */
    static final class FailingOnce implements FeatureSource {
        private static final long serialVersionUID = 1L;
        private static final java.util.concurrent.atomic.AtomicInteger FAILURES = new java.util.concurrent.atomic.AtomicInteger();

        static int failures() {
            return FAILURES.get();
        }

        /** Called by every task as it looks up its extractor. */
        @Override
        public String key() {
            TaskContext task = TaskContext.get();
            if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure: partition 1, attempt 0");
            }
            return "failing-once";
        }

        @Override
        public FeatureExtractor open() {
            return FashionMnistClassifier.bundled();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FailingOnce;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
