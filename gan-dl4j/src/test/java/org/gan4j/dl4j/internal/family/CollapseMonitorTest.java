package org.gan4j.dl4j.internal.family;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CollapseMonitorTest {

    @Test
    void should_flag_a_discriminator_that_wins_every_batch_for_the_patience_window() {
        CollapseMonitor m = new CollapseMonitor();
        for (int s = 1; s < CollapseMonitor.PATIENCE; s++) {
            m.observe(s, 1e-4, 0.5, true);
        }
        assertThat(m.discriminatorDominant()).isFalse();
        m.observe(CollapseMonitor.PATIENCE, 1e-4, 0.5, true);
        assertThat(m.discriminatorDominant()).isTrue();
        m.observe(CollapseMonitor.PATIENCE + 1, 0.7, 0.5, true);
        assertThat(m.discriminatorDominant()).as("a normal step resets the count").isFalse();
    }

    @Test
    void should_not_read_a_wasserstein_loss_near_zero_as_dominance_but_should_flag_vanished_gradients() {
        CollapseMonitor m = new CollapseMonitor();
        for (int s = 1; s <= CollapseMonitor.PATIENCE; s++) {
            m.observe(s, 0.0, 1e-9, false);
        }
        assertThat(m.discriminatorDominant()).isFalse();
        assertThat(m.generatorGradientsVanished()).isTrue();
    }
}
