package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class NativeMemoryTest {

    /** glibc refuses an mmap threshold above 32 MB; the values chosen are accepted, and arrays still work after. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void should_have_glibc_accept_the_settings() {
        assertThat(NativeMemory.retainFreedMemory()).isTrue();
        assertThat(NativeMemory.retainFreedMemory()).as("idempotent").isTrue();
        assertThat(Nd4j.ones(DataType.FLOAT, 4096, 4096).sumNumber().doubleValue()).isEqualTo(4096.0 * 4096);
    }
}
