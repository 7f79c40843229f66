package org.gan4j.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.gan4j.augment.DiffAugment.Op;
import org.junit.jupiter.api.Test;

class AugmentationSpecTest {
    @Test
    void should_describe_the_policy_and_refuse_bad_values() {
        assertThat(DiffAugment.colorTranslationCutout()).hasToString("DiffAugment(color,translation,cutout)");
        assertThat(DiffAugment.of(Op.CUTOUT, Op.COLOR).withProbability(0.25)).hasToString("DiffAugment(color,cutout, p 0.25)");
        assertThatThrownBy(() -> new DiffAugment(Set.of(), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ops must hold at least one of [COLOR, TRANSLATION, CUTOUT] but was empty");
        assertThatThrownBy(() -> DiffAugment.of(Op.COLOR).withProbability(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probability must be in [0, 1] but was 1.5");
        assertThatThrownBy(() -> DiffAugment.of(Op.COLOR).withProbability(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probability must be in [0, 1] but was NaN");
    }

    @Test
    void should_step_p_by_batch_times_interval_over_speed_toward_the_target() {
        AdaptiveAugmentation ada = new AdaptiveAugmentation(0.6, 4, 6400, 0);
        // Δp = 64 · 4 / 6400 = 0.04, up when r_t > 0.6, down when below, clamped to [0, 1]
        assertThat(ada.adjust(0.5, 0.9, 64)).isCloseTo(0.54, within(1e-12));
        assertThat(ada.adjust(0.5, 0.1, 64)).isCloseTo(0.46, within(1e-12));
        assertThat(ada.adjust(0.5, 0.6, 64)).isEqualTo(0.5);
        assertThat(ada.adjust(0.99, 1.0, 64)).isEqualTo(1.0);
        assertThat(ada.adjust(0.01, -1.0, 64)).isEqualTo(0.0);
        assertThat(AdaptiveAugmentation.paper()).isEqualTo(new AdaptiveAugmentation(0.6, 4, 500_000, 0));
    }

    @Test
    void should_refuse_controllers_that_cannot_work() {
        assertThatThrownBy(() -> new AdaptiveAugmentation(1.0, 4, 100, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target must be in (0, 1) but was 1.0");
        assertThatThrownBy(() -> new AdaptiveAugmentation(0.6, 0, 100, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be >= 1 but was 0");
        assertThatThrownBy(() -> AdaptiveAugmentation.paper().withSpeed(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("speedImages must be >= 1 but was 0");
        assertThatThrownBy(() -> new AdaptiveAugmentation(0.6, 4, 100, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initial must be in [0, 1] but was -0.1");
    }
}
