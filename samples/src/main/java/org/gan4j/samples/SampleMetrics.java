package org.gan4j.samples;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.data.FashionMnist;
import org.gan4j.metric.FeatureExtractor;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.metrics.FidResult;
import org.gan4j.metrics.FrechetDistance;
import org.gan4j.metrics.InceptionScore;
import org.gan4j.metrics.IsResult;
import org.gan4j.metrics.KernelInceptionDistance;
import org.gan4j.metrics.KidResult;
import org.gan4j.metrics.PrecisionRecall;
import org.nd4j.linalg.api.ndarray.INDArray;

/** IS, FID, KID and precision/recall of generated Fashion-MNIST images, with the bundled classifier. */
final class SampleMetrics {
    static final int SAMPLES = FashionMnist.BUNDLED_TEST_COUNT;
    /** The protocol of FID and IS recorded during training. */
    static final String DURING_TRAINING = "FID and IS of 2,000 generated images against the 2,000 bundled Fashion-MNIST"
            + " test images, features and logits of gan-metrics' bundled classifier (not Inception); final IS/FID/KID/PR"
            + " in summary.json";

    private SampleMetrics() {
    }

    /** The figures of generated images against the bundled test images, with the protocol written out. */
    static Map<String, Object> of(INDArray generated, long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", "2,000 generated vs the 2,000 bundled Fashion-MNIST test images; 64-d features and logits of"
                + " gan-metrics' bundled classifier (not Inception); IS torch-fidelity formula, 10 splits, seeded shuffle;"
                + " FID pytorch-fid formula; KID 100 subsets of 1,000; precision/recall k = 3");
        m.putAll(between(FashionMnist.bundledTestImages().toArray(), generated, seed));
        return m;
    }

    /** FID, IS (of the generated set, and of the real one for reference), KID and precision/recall. */
    static Map<String, Object> between(INDArray real, INDArray generated, long seed) {
        return between(FashionMnistClassifier.bundled(), real, generated, seed);
    }

    /** As {@link #between(INDArray, INDArray, long)}, with the features and logits of the given extractor. */
    static Map<String, Object> between(FeatureExtractor classifier, INDArray real, INDArray generated, long seed) {
        INDArray[] realOutputs = classifier.featuresAndLogits(real);
        INDArray[] fakeOutputs = classifier.featuresAndLogits(generated);
        INDArray realFeatures = realOutputs[0];
        INDArray fakeFeatures = fakeOutputs[0];
        IsResult is = InceptionScore.fromLogits(fakeOutputs[1], splits(generated), seed);
        IsResult isReal = InceptionScore.fromLogits(realOutputs[1], splits(real), seed);
        FidResult fid = FrechetDistance.between(realFeatures, fakeFeatures);
        KidResult kid = KernelInceptionDistance.between(realFeatures, fakeFeatures, seed);
        PrecisionRecall pr = PrecisionRecall.of(realFeatures, fakeFeatures, 3);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inception_score_mean", is.mean());
        m.put("inception_score_std", is.std());
        m.put("inception_score_of_real_images", isReal.mean());
        m.put("fid", fid.fid());
        m.put("fid_rank_deficient", fid.rankDeficient());
        m.put("kid_mean", kid.mean());
        m.put("kid_std", kid.std());
        m.put("precision", pr.precision());
        m.put("recall", pr.recall());
        return m;
    }

    private static int splits(INDArray images) {
        return (int) Math.min(InceptionScore.DEFAULT_SPLITS, images.size(0));
    }
}
