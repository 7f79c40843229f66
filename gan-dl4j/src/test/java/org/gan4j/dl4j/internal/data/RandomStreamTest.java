package org.gan4j.dl4j.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomStreamTest {

    @Test
    void should_seed_each_declared_stream_as_gan4j_always_has() {
        Map<RandomStream, Long> seeds = RandomStream.seeds(42, EnumSet.of(RandomStream.GRAPH_OPS, RandomStream.WEIGHTS,
                RandomStream.LATENT, RandomStream.DATA, RandomStream.SAMPLER, RandomStream.LABELS));
        assertThat(seeds).containsExactlyInAnyOrderEntriesOf(Map.of(RandomStream.GRAPH_OPS, 42L,
                RandomStream.WEIGHTS, 42L ^ 0x9E3779B97F4A7C15L, RandomStream.LATENT, 43L, RandomStream.DATA, 44L,
                RandomStream.SAMPLER, 45L, RandomStream.LABELS, 46L));
    }

    @Test
    void should_refuse_two_purposes_that_would_draw_the_same_sequence() {
        assertThatThrownBy(() -> RandomStream.seeds(7, EnumSet.of(RandomStream.SAMPLER, RandomStream.SECOND_DATA)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("random streams SAMPLER and SECOND_DATA would share seed 10");
    }
}
