package org.gan4j.dl4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The per-thread op thread count the Java passes split by: set on one thread, unchanged on another. */
class OpenMpThreadsTest {

    @Test
    void should_set_the_calling_threads_count_only() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        int before = OpenMpThreads.current();
        try {
            int otherBefore = CompletableFuture.supplyAsync(OpenMpThreads::current, other).get();
            OpenMpThreads.set(1);
            assertThat(OpenMpThreads.current()).isEqualTo(1);
            assertThat(CompletableFuture.supplyAsync(OpenMpThreads::current, other).get()).isEqualTo(otherBefore);
            OpenMpThreads.set(3);
            assertThat(OpenMpThreads.current()).isEqualTo(3);
        } finally {
            OpenMpThreads.set(before);
            other.shutdown();
        }
    }

    @Test
    void should_reject_a_count_below_one() {
        assertThatThrownBy(() -> OpenMpThreads.set(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1 but was 0");
    }
}
