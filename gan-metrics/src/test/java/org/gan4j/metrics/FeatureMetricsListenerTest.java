package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.gan4j.ImagePreview;
import org.gan4j.LossHistory;
import org.gan4j.StepResult;
import org.gan4j.TrainingView;
import org.gan4j.data.FashionMnist;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The listener against metrics computed directly from the images its view hands out: a listener that measured the
 * wrong images, reused a stale measurement, mixed up FID and IS or skipped the last step fails here.
 */
class FeatureMetricsListenerTest {
    private static final int SAMPLES = 500;
    private static FashionMnistClassifier classifier;
    private static INDArray real;
    private static INDArray otherReal;

    @BeforeAll
    static void load() {
        classifier = FashionMnistClassifier.bundled();
        INDArray test = FashionMnist.bundledTestImages().toArray();
        real = test.get(NDArrayIndex.interval(0, 1000)).dup();
        otherReal = test.get(NDArrayIndex.interval(1000, 1000 + SAMPLES)).dup();
    }

    @Test
    void should_record_the_metrics_of_the_images_the_view_generates_at_every_nth_step_and_the_last() {
        INDArray noise = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, SAMPLES, 1, 28, 28).muli(2).subi(1);
        List<INDArray> handedOut = List.of(otherReal, noise, real.get(NDArrayIndex.interval(0, SAMPLES)).dup());
        StubView view = new StubView(n -> {
            assertThat(n).as("images asked for").isEqualTo(SAMPLES);
            return handedOut.get(Math.min(StubView.calls++, handedOut.size() - 1));
        });
        FeatureMetricsListener listener = new FeatureMetricsListener(classifier, real, 3, SAMPLES);
        for (long step = 1; step <= 7; step++) {
            view.step = step;
            listener.onStepEnd(view, new StepResult(step, 0, 0.5, 0.5));
        }
        listener.onFitEnd(view);

        assertThat(view.recorded.keySet()).containsExactly("3:fid", "3:inception_score", "6:fid",
                "6:inception_score", "7:fid", "7:inception_score");
        FeatureStatistics realStatistics = FeatureStatistics.of(classifier.features(real));
        for (int i = 0; i < 3; i++) {
            long step = new long[] {3, 6, 7}[i];
            INDArray images = handedOut.get(i);
            double fid = FrechetDistance.between(realStatistics, FeatureStatistics.of(classifier.features(images))).fid();
            double is = InceptionScore.fromLogits(classifier.logits(images), 10).mean();
            assertThat(view.recorded.get(step + ":fid")).as("FID at step %d", step).isCloseTo(fid, within(1e-9 * fid));
            assertThat(view.recorded.get(step + ":inception_score")).as("IS at step %d", step)
                    .isCloseTo(is, within(1e-12));
        }
        assertThat(view.recorded.get("6:fid")).as("noise is far from real images")
                .isGreaterThan(10 * view.recorded.get("3:fid"));
        assertThat(view.recorded.get("6:inception_score")).as("noise is not classified confidently")
                .isLessThan(view.recorded.get("3:inception_score"));
    }

    @Test
    void should_not_measure_the_last_step_twice() {
        StubView view = new StubView(n -> otherReal);
        FeatureMetricsListener listener = new FeatureMetricsListener(classifier, real, 2, SAMPLES);
        for (long step = 1; step <= 4; step++) {
            view.step = step;
            listener.onStepEnd(view, new StepResult(step, 0, 0.5, 0.5));
        }
        listener.onFitEnd(view);
        assertThat(view.generated).isEqualTo(2);
    }

    private static final class StubView implements TrainingView {
        static int calls;
        final Map<String, Double> recorded = new LinkedHashMap<>();
        final IntFunction<INDArray> images;
        long step;
        int generated;

        StubView(IntFunction<INDArray> images) {
            this.images = images;
            calls = 0;
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public int epoch() {
            return 0;
        }

        @Override
        public long totalSteps() {
            return 7;
        }

        @Override
        public LossHistory history() {
            return new LossHistory(new ArrayList<>());
        }

        @Override
        public void recordMetric(String name, double value) {
            recorded.put(step + ":" + name, value);
        }

        @Override
        public Map<String, String> configuration() {
            return Map.of("family", "stub");
        }

        @Override
        public Optional<ImagePreview> preview(int count, int columns, long seed) {
            return Optional.empty();
        }

        @Override
        public INDArray generate(int n) {
            generated++;
            return images.apply(n);
        }
    }
}
