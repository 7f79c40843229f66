package org.gan4j.dl4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PatchColumns} against the definition of a patch column written out element by element, and
 * {@code col2im} against being the adjoint of {@code im2col}: ⟨im2col(a), c⟩ = ⟨a, col2im(c)⟩ for all a, c.
 */
class PatchColumnsTest {
    final SplittableRandom random = new SplittableRandom(5);

    record Geometry(int n, int height, int width, int kernel, int stride, int pad) {
        int mapHeight() {
            return (height + 2 * pad - kernel) / stride + 1;
        }

        int mapWidth() {
            return (width + 2 * pad - kernel) / stride + 1;
        }

        PatchColumns columns() {
            return new PatchColumns(n, height, width, mapHeight(), mapWidth(), kernel, stride, pad);
        }

        /** The image value under kernel position (i, j) of patch (y, x), 0 in the padding. */
        float pixel(float[] image, int image_n, int i, int j, int y, int x) {
            int row = y * stride + i - pad;
            int col = x * stride + j - pad;
            return row < 0 || row >= height || col < 0 || col >= width ? 0f : image[(image_n * height + row) * width + col];
        }
    }

    float[] uniform(int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        return a;
    }

    @ParameterizedTest(name = "{0} images {1}×{2}, k{3} s{4} p{5}")
    @CsvSource({"2,28,28,7,1,3", "3,28,28,4,2,1", "2,9,6,5,2,2", "1,5,7,3,1,0", "2,6,6,2,2,0"})
    void should_write_each_patch_column_from_a_dirty_array(int n, int height, int width, int kernel, int stride, int pad) {
        Geometry g = new Geometry(n, height, width, kernel, stride, pad);
        PatchColumns columns = g.columns();
        float[] image = uniform(columns.imageLength());
        float[] out = new float[columns.columnsLength()];
        Arrays.fill(out, Float.NaN);
        columns.im2col(image, out, 0, n);
        int patches = g.mapHeight() * g.mapWidth();
        for (int i = 0; i < kernel; i++) {
            for (int j = 0; j < kernel; j++) {
                for (int m = 0; m < n; m++) {
                    for (int y = 0; y < g.mapHeight(); y++) {
                        for (int x = 0; x < g.mapWidth(); x++) {
                            int at = ((i * kernel + j) * n + m) * patches + y * g.mapWidth() + x;
                            assertThat(out[at]).as("u (%d, %d), image %d, patch (%d, %d)", i, j, m, y, x)
                                    .isEqualTo(g.pixel(image, m, i, j, y, x));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} images {1}×{2}, k{3} s{4} p{5}")
    @CsvSource({"2,28,28,7,1,3", "3,28,28,4,2,1", "2,9,6,5,2,2", "1,5,7,3,1,0", "2,6,6,2,2,0"})
    void should_sum_columns_back_as_the_adjoint_of_im2col(int n, int height, int width, int kernel, int stride, int pad) {
        PatchColumns columns = new Geometry(n, height, width, kernel, stride, pad).columns();
        float[] image = uniform(columns.imageLength());
        float[] c = uniform(columns.columnsLength());
        float[] cols = new float[columns.columnsLength()];
        float[] back = uniform(columns.imageLength());
        columns.im2col(image, cols, 0, n);
        columns.col2im(c, false, back, 0, n);
        assertThat(dot(cols, c)).isCloseTo(dot(image, back), org.assertj.core.data.Offset.offset(1e-9 * cols.length));
    }

    @ParameterizedTest(name = "k{0} on {1}×{2}")
    @CsvSource({"7,28,28", "3,5,4", "1,3,3"})
    void should_read_the_turned_kernel_when_flipped(int kernel, int height, int width) {
        int positions = kernel * kernel;
        PatchColumns columns = new Geometry(2, height, width, kernel, 1, (kernel - 1) / 2).columns();
        float[] c = uniform(columns.columnsLength());
        float[] reversed = new float[c.length];
        int block = c.length / positions;
        for (int u = 0; u < positions; u++) {
            System.arraycopy(c, (positions - 1 - u) * block, reversed, u * block, block);
        }
        float[] flipped = new float[columns.imageLength()];
        float[] plain = new float[columns.imageLength()];
        columns.col2im(c, true, flipped, 0, 2);
        columns.col2im(reversed, false, plain, 0, 2);
        assertThat(flipped).containsExactly(plain);
    }

    @ParameterizedTest(name = "images [{0}, {1})")
    @CsvSource({"0,1", "1,3", "0,3"})
    void should_touch_only_the_images_in_range(int from, int to) {
        PatchColumns columns = new Geometry(3, 6, 6, 3, 1, 1).columns();
        float[] image = uniform(columns.imageLength());
        float[] all = new float[columns.columnsLength()];
        float[] part = new float[columns.columnsLength()];
        Arrays.fill(part, 7f);
        columns.im2col(image, all, 0, 3);
        columns.im2col(image, part, from, to);
        float[] back = new float[columns.imageLength()];
        Arrays.fill(back, 7f);
        columns.col2im(all, false, back, from, to);
        float[] full = new float[columns.imageLength()];
        columns.col2im(all, false, full, 0, 3);
        int patches = 36;
        int perImage = 36;
        for (int u = 0; u < 9; u++) {
            for (int m = 0; m < 3; m++) {
                boolean inside = m >= from && m < to;
                for (int p = 0; p < patches; p++) {
                    int at = (u * 3 + m) * patches + p;
                    assertThat(part[at]).isEqualTo(inside ? all[at] : 7f);
                }
            }
        }
        for (int m = 0; m < 3; m++) {
            boolean inside = m >= from && m < to;
            for (int p = 0; p < perImage; p++) {
                assertThat(back[m * perImage + p]).isEqualTo(inside ? full[m * perImage + p] : 7f);
            }
        }
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
