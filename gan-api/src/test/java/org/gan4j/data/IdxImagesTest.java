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
