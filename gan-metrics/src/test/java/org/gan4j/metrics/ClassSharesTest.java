package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.data.FashionMnist;
import org.junit.jupiter.api.Test;

/** {@link ClassShares} on hand-made assignments and on real images with the bundled classifier. */
class ClassSharesTest {

    @Test
    void should_measure_total_variation_and_covered_classes() {
        double[] uniform = {0.25, 0.25, 0.25, 0.25};
        ClassShares s = ClassShares.of(new int[] {0, 0, 0, 1, 1, 2, 2, 2}, uniform);
        assertThat(s.shares()).containsExactly(0.375, 0.25, 0.375, 0.0);
        // ½(0.125 + 0 + 0.125 + 0.25) = 0.25; class 3 (0 < 0.125) is not covered
        assertThat(s.totalVariation()).isCloseTo(0.25, within(1e-12));
        assertThat(s.classesCovered()).isEqualTo(3);
        ClassShares collapsed = ClassShares.of(new int[] {2, 2, 2, 2}, uniform);
        assertThat(collapsed.totalVariation()).isCloseTo(0.75, within(1e-12));
        assertThat(collapsed.classesCovered()).isEqualTo(1);
    }

    @Test
    void should_find_real_test_images_spread_like_their_labels() {
        int[] labels = FashionMnist.bundledTestLabels();
        double[] reference = ClassShares.sharesOf(labels, 10);
        ClassShares s = ClassShares.of(FashionMnistClassifier.bundled(), FashionMnist.bundledTestImages().toArray(),
                reference);
        assertThat(s.classesCovered()).isEqualTo(10);
        assertThat(s.totalVariation()).isLessThan(0.1);
    }

    @Test
    void should_refuse_bad_input() {
        assertThatThrownBy(() -> ClassShares.of(new int[] {0, 3}, new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("classes[1] must be in [0, 2) but was 3");
        assertThatThrownBy(() -> ClassShares.of(new int[] {0}, new double[] {0.5, 0.6}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reference must hold >= 2 shares >= 0 summing to 1 but was [0.5, 0.6]");
    }
}
