package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.MetricPoint;
import org.gan4j.data.FashionMnist;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.metrics.FeatureMetricsListener;
import org.junit.jupiter.api.Test;

/**
 * The metric listener inside a real fit: recorded at the right steps from the generator as it trains. That the values
 * are the metrics of the generated images is {@code FeatureMetricsListenerTest}'s job (gan-metrics).
 */
class MetricsInTrainingTest {

    @Test
    void should_record_fid_and_inception_score_in_the_training_history() {
        Generator g = Generator.builder().latent(LatentSpace.gaussian(16)).dense(64).leakyRelu(0.2).dense(784).tanh()
                .reshape(1, 28, 28).build();
        Discriminator d = Discriminator.builder().input(1, 28, 28).flatten().dense(64).leakyRelu(0.2).dense(1).build();
        TrainedGan gan = GanTrainer.builder().generator(g).discriminator(d)
                .data(FashionMnist.bundledImages().toDataSource()).batchSize(32).steps(25).seed(2)
                .listener(new FeatureMetricsListener(FashionMnistClassifier.bundled(),
                        FashionMnist.bundledTestImages().toArray(), 10, 200))
                .build().fit();
        List<MetricPoint> fid = gan.history().metric(FeatureMetricsListener.FID);
        List<MetricPoint> is = gan.history().metric(FeatureMetricsListener.INCEPTION_SCORE);
        assertThat(fid).extracting(MetricPoint::step).containsExactly(10L, 20L, 25L);
        assertThat(is).extracting(MetricPoint::step).containsExactly(10L, 20L, 25L);
        assertThat(fid).allSatisfy(p -> assertThat(p.value()).isFinite().isPositive());
        assertThat(is).allSatisfy(p -> assertThat(p.value()).isBetween(1.0, 10.0));
        assertThat(fid.stream().map(MetricPoint::value).distinct()).as("each measurement samples the current weights")
                .hasSize(3);
        assertThat(is.stream().map(MetricPoint::value).distinct()).hasSize(3);
        assertThat(gan.history().metrics()).hasSize(6);
    }
}
