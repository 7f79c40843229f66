package org.gan4j.metrics;

import java.util.Objects;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.metric.FeatureExtractor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures any trainer's generated images ({@link TrainingView#generate(int)}): every N steps (and after the last one) it takes M images and records
 * {@value #FID} (against real images given once, as features of the extractor) and {@value #INCEPTION_SCORE} (10 splits,
 * no shuffle) into the run's history, where {@code TrainedGan.history().metric("fid")} finds them.
 *
 * <pre>{@code
 * GanTrainer.builder()...
 *     .listener(new FeatureMetricsListener(FashionMnistClassifier.bundled(),
 *             FashionMnist.bundledTestImages().toArray(), 500, 2000))
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FeatureMetricsListener implements TrainingListener {
    /** The name under which FID values are recorded. */
    public static final String FID = "fid";
    /** The name under which Inception Score means are recorded. */
    public static final String INCEPTION_SCORE = "inception_score";

    private final FeatureExtractor extractor;
    private final FeatureStatistics real;
    private final int every;
    private final int samples;
    private long lastMeasured = -1;

    /**
     * @param extractor  the feature extractor (e.g. {@link FashionMnistClassifier#bundled()})
     * @param realImages real images [n, extractor input shape...], pixels in [-1, 1]
     * @param every      measure every this many steps, &gt;= 1
     * @param samples    generated samples per measurement, &gt;= 10
     */
    public FeatureMetricsListener(FeatureExtractor extractor, INDArray realImages, int every, int samples) {
        this.extractor = Objects.requireNonNull(extractor, "extractor == null");
        Objects.requireNonNull(realImages, "realImages == null");
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1 but was " + every);
        }
        if (samples < InceptionScore.DEFAULT_SPLITS) {
            throw new IllegalArgumentException("samples must be >= " + InceptionScore.DEFAULT_SPLITS + " but was " + samples);
        }
        this.every = every;
        this.samples = samples;
        this.real = FeatureStatistics.of(extractor.features(realImages));
    }

    @Override
    public void onStepEnd(TrainingView view, StepResult result) {
        if (result.step() % every == 0) {
            measure(view);
        }
    }

    @Override
    public void onFitEnd(TrainingView view) {
        if (lastMeasured != view.step()) {
            measure(view);
        }
    }

    private void measure(TrainingView view) {
        INDArray[] featuresAndLogits = extractor.featuresAndLogits(view.generate(samples));
        FidResult fid = FrechetDistance.between(real, FeatureStatistics.of(featuresAndLogits[0]));
        IsResult is = InceptionScore.fromLogits(featuresAndLogits[1], InceptionScore.DEFAULT_SPLITS);
        view.recordMetric(FID, fid.fid());
        view.recordMetric(INCEPTION_SCORE, is.mean());
        lastMeasured = view.step();
    }
}
