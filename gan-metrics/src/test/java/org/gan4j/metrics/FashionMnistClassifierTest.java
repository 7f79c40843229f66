package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.data.FashionMnist;
import org.gan4j.data.IdxImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FashionMnistClassifierTest {
    static FashionMnistClassifier classifier;
    static INDArray test;
    static int[] labels;

    @BeforeAll
    static void load() {
        classifier = FashionMnistClassifier.bundled();
        IdxImages images = FashionMnist.bundledTestImages();
        test = images.toArray();
        labels = FashionMnist.bundledTestLabels();
    }

    @Test
    void should_classify_held_out_test_images_with_at_least_90_percent_accuracy() {
        double accuracy = classifier.accuracy(test, labels);
        System.err.printf("bundled classifier accuracy on the 2,000 bundled test images: %.4f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void should_bundle_an_inference_graph_without_the_training_loss() throws java.io.IOException {
        try (java.io.InputStream in = FashionMnistClassifier.class.getResourceAsStream(FashionMnistClassifier.RESOURCE)) {
            org.nd4j.autodiff.samediff.SameDiff graph = org.nd4j.autodiff.samediff.SameDiff.load(in, false);
            assertThat(graph.inputs()).as("placeholders: no label, whose loss op logs a warning when loaded")
                    .containsExactly("input");
            assertThat(graph.hasVariable("logits")).isTrue();
            assertThat(java.util.Arrays.stream(graph.ops()).map(o -> o.opName()))
                    .doesNotContain("softmax_cross_entropy_loss");
        }
    }

    @Test
    void should_give_features_and_logits_of_the_declared_sizes() {
        INDArray some = test.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 7));
        assertThat(classifier.features(some).shape()).containsExactly(7, 64);
        assertThat(classifier.logits(some).shape()).containsExactly(7, 10);
        assertThat(classifier.features(some)).isEqualTo(classifier.features(some.dup()));
    }

    @Test
    void should_give_the_same_features_and_logits_in_one_pass_as_in_two() {
        INDArray some = test.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 700));
        INDArray[] both = classifier.featuresAndLogits(some);
        assertThat(both[0]).isEqualTo(classifier.features(some));
        assertThat(both[1]).isEqualTo(classifier.logits(some));
    }

    @Test
    void should_score_real_images_well_and_noise_badly() {
        IsResult real = InceptionScore.fromLogits(classifier.logits(test), 10);
        Nd4j.getRandom().setSeed(1);
        INDArray noise = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2000, 1, 28, 28).muli(2).subi(1);
        FidResult fidNoise = FrechetDistance.between(classifier.features(test), classifier.features(noise));
        IdxImages train = FashionMnist.bundledImages();
        FidResult fidReal = FrechetDistance.between(classifier.features(test), classifier.features(train.toArray()));
        System.err.printf("IS(real test) %.3f, FID(test, train subset) %.3f, FID(test, noise) %.3f%n", real.mean(),
                fidReal.fid(), fidNoise.fid());
        assertThat(real.mean()).isGreaterThan(5.0);
        assertThat(fidNoise.fid()).isGreaterThan(20 * fidReal.fid());
    }

    @Test
    void should_refuse_images_of_another_shape() {
        assertThatThrownBy(() -> classifier.features(Nd4j.zeros(2, 784)))
                .hasMessage("images must have shape [n, 1, 28, 28] but was [2, 784]");
    }
}
