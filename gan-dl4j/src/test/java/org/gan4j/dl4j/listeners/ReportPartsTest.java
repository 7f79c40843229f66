package org.gan4j.dl4j.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The report's smoothing against its closed form, and the thinning of its sample strip. */
class ReportPartsTest {

    @Test
    void should_smooth_with_a_debiased_exponential_average() {
        double[] y = {4, 2, 8, Double.NaN, 6};
        double[] s = Smoothing.exponential(y, 4);
        double b = 0.75;
        // m_t / (1 − β^t) over the finite values 4, 2, 8, 6
        assertThat(s[0]).isCloseTo(4, within(1e-12));
        assertThat(s[1]).isCloseTo((b * 0.25 * 4 + 0.25 * 2) / (1 - b * b), within(1e-12));
        assertThat(s[2]).isCloseTo((b * b * 0.25 * 4 + b * 0.25 * 2 + 0.25 * 8) / (1 - b * b * b), within(1e-12));
        assertThat(s[3]).isNaN();
        assertThat(s[4]).isCloseTo((b * b * b * 0.25 * 4 + b * b * 0.25 * 2 + b * 0.25 * 8 + 0.25 * 6)
                / (1 - b * b * b * b), within(1e-12));
        assertThat(Smoothing.exponential(y, 1)).containsExactly(y);
        assertThat(Smoothing.window(10)).isEqualTo(1);
        assertThat(Smoothing.window(1000)).isEqualTo(40);
        assertThat(Smoothing.window(1_000_000)).isEqualTo(200);
        assertThatThrownBy(() -> Smoothing.exponential(y, 0)).hasMessage("window must be >= 1 but was 0");
    }

    @Test
    void should_end_the_step_axis_just_past_the_last_step() {
        assertThat(ReportCharts.axisEnd(0)).isEqualTo(2);
        assertThat(ReportCharts.axisEnd(30)).isEqualTo(31);
        assertThat(ReportCharts.axisEnd(200)).isEqualTo(210);
        assertThat(ReportCharts.axisEnd(1337)).isEqualTo(1400);
        assertThat(ReportCharts.axisEnd(10_000)).isEqualTo(11_000);
    }

    @Test
    void should_keep_at_most_eight_grids_spanning_the_run() {
        SampleProgression p = new SampleProgression();
        for (long step = 100; step <= 1000; step += 100) {
            p.add(step, new byte[] {(byte) step});
        }
        assertThat(p.snapshots()).extracting(SampleProgression.Snapshot::step)
                .containsExactly(100L, 300L, 500L, 700L, 900L, 1000L);
        p.add(1000, new byte[] {1});
        assertThat(p.snapshots()).hasSize(6);
        assertThat(p.snapshots().get(5).png()).containsExactly(1);
        p.add(50, new byte[0]);
        assertThat(p.snapshots()).as("a new fit starts a new strip").extracting(SampleProgression.Snapshot::step)
                .containsExactly(50L);
    }
}
