package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.gan4j.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImagesTest {

    static byte[] idxImages(int count, int rows, int cols, int extraBytes) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols + extraBytes);
        b.putInt(2051).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols + extraBytes; i++) {
            b.put((byte) (i * 37));
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void should_read_raw_and_gzip_files_alike(@TempDir Path dir) throws IOException {
        byte[] raw = idxImages(3, 2, 4, 0);
        Files.write(dir.resolve("raw"), raw);
        Files.write(dir.resolve("packed.gz"), gzip(raw));
        IdxImages a = IdxImages.read(dir.resolve("raw"));
        IdxImages b = IdxImages.read(dir.resolve("packed.gz"));
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.imageShape()).isEqualTo(Shape.of(1, 2, 4));
        assertThat(a.scaledToPlusMinusOne()).containsExactly(b.scaledToPlusMinusOne());
        // pixel (1, 1, 2) is byte 8 + 6 = 14 of the body: (14 * 37) & 0xff = 6
        assertThat(a.pixel(1, 1, 2)).isEqualTo((14 * 37) & 0xff);
    }

    @Test
    void should_scale_pixels_to_plus_minus_one() throws IOException {
        float[] v = IdxImages.read(new java.io.ByteArrayInputStream(idxImages(1, 1, 8, 0)), "t").scaledToPlusMinusOne();
        for (int i = 0; i < 8; i++) {
            int pixel = (i * 37) & 0xff;
            assertThat(v[i]).isCloseTo(pixel / 127.5f - 1f, org.assertj.core.data.Offset.offset(1e-7f));
        }
        assertThat(v[0]).isEqualTo(-1f);
    }

    @Test
    void should_refuse_a_wrong_magic_number(@TempDir Path dir) throws IOException {
        byte[] raw = idxImages(1, 2, 2, 0);
        raw[3] = 1;
        Files.write(dir.resolve("bad"), raw);
        assertThatThrownBy(() -> IdxImages.read(dir.resolve("bad")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("bad") + " is not an IDX image file: magic must be 2051 but was 2049");
    }

    @Test
    void should_refuse_a_truncated_file(@TempDir Path dir) throws IOException {
        byte[] raw = idxImages(2, 2, 2, 0);
        Files.write(dir.resolve("short"), java.util.Arrays.copyOf(raw, raw.length - 3));
        assertThatThrownBy(() -> IdxImages.read(dir.resolve("short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("short") + " is truncated or malformed: header says 2 images of 2x2 (8 bytes) but 5 bytes follow");
    }

    /**
     * A 400 KB gzip file whose header declares one image but which inflates to 400 MB: refused after one byte past the
     * declared data, having consumed a fraction of the compressed file.
     */
    @Test
    void should_refuse_a_gzip_bomb_without_inflating_it() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(idxImages(1, 28, 28, 0));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 400; i++) {
                gz.write(zeros);
            }
        }
        byte[] bomb = out.toByteArray();
        long[] consumed = {0};
        java.io.InputStream counting = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(bomb)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed[0] += Math.max(n, 0);
                return n;
            }
        };
        assertThatThrownBy(() -> IdxImages.read(counting, "bomb.gz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bomb.gz is malformed: header says 1 images of 28x28 (784 bytes) but more bytes follow; not read"
                        + " further");
        assertThat(consumed[0]).as("compressed bytes consumed of %d", bomb.length).isLessThan(bomb.length / 2);
    }

    /** A header that claims a million images with two bytes of data costs no more memory than the data. */
    @Test
    void should_refuse_a_header_that_claims_more_than_the_data(@TempDir Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(18).putInt(2051).putInt(1_000_000).putInt(28).putInt(28).put((byte) 1).put((byte) 2);
        Files.write(dir.resolve("liar"), b.array());
        assertThatThrownBy(() -> IdxImages.read(dir.resolve("liar"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("liar") + " is truncated or malformed: header says 1000000 images of 28x28"
                        + " (784000000 bytes) but 2 bytes follow");
        ByteBuffer huge = ByteBuffer.allocate(16).putInt(2051).putInt(Integer.MAX_VALUE).putInt(1000).putInt(1000);
        Files.write(dir.resolve("huge"), huge.array());
        assertThatThrownBy(() -> IdxImages.read(dir.resolve("huge"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("huge") + " is malformed: header says 2147483647 images of 1000x1000; counts must be"
                        + " >= 0, sides in [1, 65535] and the pixels at most 2147483639 bytes");
    }

    @Test
    void should_read_labels() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(11).putInt(2049).putInt(3).put((byte) 9).put((byte) 0).put((byte) 200);
        int[] labels = IdxImages.readLabels(new java.io.ByteArrayInputStream(gzip(b.array())), "labels");
        assertThat(labels).containsExactly(9, 0, 200);
    }

    @Test
    void should_bundle_a_balanced_fashion_mnist_subset() {
        IdxImages images = FashionMnist.bundledImages();
        int[] labels = FashionMnist.bundledLabels();
        assertThat(images.count()).isEqualTo(FashionMnist.BUNDLED_COUNT).isEqualTo(labels.length);
        assertThat(images.imageShape()).isEqualTo(Shape.of(1, 28, 28));
        int[] perClass = new int[10];
        for (int l : labels) {
            perClass[l]++;
        }
        assertThat(java.util.Arrays.stream(perClass).boxed()).allSatisfy(c -> assertThat(c).isBetween(300, 500));
    }
}
