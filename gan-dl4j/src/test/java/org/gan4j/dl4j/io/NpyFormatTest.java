package org.gan4j.dl4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NpyFormat} against files written by NumPy (src/test/python/npy_fixtures.py) and against crafted headers:
 * every lie about the data is refused in Java with a message naming the entry.
 */
@Tag("hostile")
public class NpyFormatTest {

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = NpyFormatTest.class.getResourceAsStream("/fixtures/npy/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void should_read_what_numpy_writes() throws IOException {
        INDArray a = NpyFormat.read(fixture("f4_2x3.npy"), "a");
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.data().asFloat()).containsExactly(1.5f, -2.0f, 3.25f, 0.0f, 1e-3f, -7.0f);
        INDArray b = NpyFormat.read(fixture("f8_4.npy"), "b");
        assertThat(b.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(b.data().asDouble()).containsExactly(0.1, 0.2, -0.3, 1e300);
        INDArray s = NpyFormat.read(fixture("f4_scalar.npy"), "s");
        assertThat(s.rank()).isZero();
        assertThat(s.getFloat(0)).isEqualTo(2.5f);
        assertThat(NpyFormat.read(fixture("f4_big_endian_2x2.npy"), "big").data().asFloat()).containsExactly(1, 2, 3, 4);
        INDArray v2 = NpyFormat.read(fixture("f8_3x1_v2.npy"), "v2");
        assertThat(v2.shape()).containsExactly(3, 1);
        assertThat(v2.data().asDouble()).containsExactly(1, 2, 3);
    }

    @Test
    void should_write_what_it_reads_with_numpys_header_layout() throws IOException {
        INDArray a = Nd4j.create(new float[] {1.5f, -2.0f, 3.25f, 0.0f, 1e-3f, -7.0f}, new long[] {2, 3}, 'c');
        byte[] written = NpyFormat.write(a);
        assertThat(written).isEqualTo(fixture("f4_2x3.npy"));
        assertThat(NpyFormat.write(NpyFormat.read(fixture("f8_4.npy"), "b"))).isEqualTo(fixture("f8_4.npy"));
        assertThat(NpyFormat.write(Nd4j.scalar(2.5f))).isEqualTo(fixture("f4_scalar.npy"));
        INDArray view = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
        assertThat(NpyFormat.read(NpyFormat.write(view), "v")).isEqualTo(view);
    }

    @Test
    void should_refuse_what_gan4j_does_not_read() throws IOException {
        assertThatThrownBy(() -> NpyFormat.read(fixture("i4_3.npy"), "arrays/x.npy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("arrays/x.npy is not a valid .npy array: its header {'descr': '<i4'")
                .hasMessageEndingWith("is not a float32/float64 array header");
        assertThatThrownBy(() -> NpyFormat.read(fixture("f4_fortran_2x3.npy"), "f"))
                .hasMessage("f is not a valid .npy array: it is stored in Fortran order, which gan4j does not read");
        assertThatThrownBy(() -> NpyFormat.write(Nd4j.create(DataType.INT, 2)))
                .hasMessage("only float32 and float64 arrays are written as .npy but the array is INT");
    }

    /** A header that declares more values than the data holds: before, the native reader read past its buffer. */
    @Test
    void should_refuse_headers_that_lie_about_the_data() throws IOException {
        byte[] good = fixture("f4_2x3.npy");
        assertThatThrownBy(() -> NpyFormat.read(withShape(good, "(4, 3)"), "w"))
                .hasMessage("w is not a valid .npy array: its shape [4, 3] of 4-byte values needs 48 data bytes but it holds 24");
        assertThatThrownBy(() -> NpyFormat.read(withShape(good, "(1, 3)"), "w"))
                .hasMessage("w is not a valid .npy array: its shape [1, 3] of 4-byte values needs 12 data bytes but it holds 24");
        assertThatThrownBy(() -> NpyFormat.read(withShape(good, "(2000000, 2000000)"), "w"))
                .hasMessage("w is not a valid .npy array: its shape [2000000, 2000000] holds 4000000000000 elements, more than "
                        + NpyFormat.MAX_ELEMENTS);
        assertThatThrownBy(() -> NpyFormat.read(withShape(good, "(4294967296, 4294967296, 4)"), "w"))
                .hasMessage("w is not a valid .npy array: its shape [4294967296, 4294967296, 4] overflows 64 bits");
        assertThatThrownBy(() -> NpyFormat.read(withShape(good, "(-2, 3)"), "w"))
                .hasMessageStartingWith("w is not a valid .npy array: its header");
        assertThatThrownBy(() -> NpyFormat.read(Arrays.copyOf(good, good.length - 1), "w"))
                .hasMessage("w is not a valid .npy array: its shape [2, 3] of 4-byte values needs 24 data bytes but it holds 23");
        byte[] longHeader = good.clone();
        ByteBuffer.wrap(longHeader).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 60000);
        assertThatThrownBy(() -> NpyFormat.read(longHeader, "w"))
                .hasMessage("w is not a valid .npy array: its header declares 60000 bytes but at most 142 are possible");
        byte[] notNpy = "PK\u0003\u0004 not an array".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> NpyFormat.read(notNpy, "w"))
                .hasMessage("w is not a valid .npy array: it does not start with the .npy magic string");
        assertThatThrownBy(() -> NpyFormat.read(new byte[3], "w")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The file with its header's shape replaced (the header keeps its length, padded with spaces). */
    public static byte[] withShape(byte[] npy, String shape) {
        int headerLength = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).getShort(8);
        String header = new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1);
        String replaced = header.replaceFirst("'shape': \\([^)]*\\)", "'shape': " + shape).stripTrailing();
        String padded = replaced + " ".repeat(headerLength - 1 - replaced.length()) + "\n";
        byte[] out = npy.clone();
        System.arraycopy(padded.getBytes(StandardCharsets.ISO_8859_1), 0, out, 10, headerLength);
        return out;
    }
}
