package org.gan4j.dl4j.internal.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The pool's rule, followed with images that carry their own serial number in every pixel. */
class ImagePoolTest {
    static final int BATCH = 2;
    static final int SIZE = 3;

    static INDArray batch(int first) {
        INDArray b = Nd4j.create(DataType.FLOAT, BATCH, SIZE);
        for (int i = 0; i < BATCH; i++) {
            b.getRow(i).assign(first + i);
        }
        return b;
    }

    @Test
    void should_show_the_new_images_when_empty_of_capacity() {
        ImagePool pool = new ImagePool(0, BATCH, SIZE, 1);
        INDArray shown = Nd4j.create(DataType.FLOAT, BATCH, SIZE);
        pool.query(batch(10), shown);
        assertThat(shown).isEqualTo(batch(10));
    }

    @Test
    void should_show_new_images_while_filling_then_swap_half_of_them_for_stored_ones() {
        int capacity = 4;
        ImagePool pool = new ImagePool(capacity, BATCH, SIZE, 7);
        INDArray shown = Nd4j.create(DataType.FLOAT, BATCH, SIZE);
        pool.query(batch(0), shown);
        assertThat(shown).isEqualTo(batch(0));
        pool.query(batch(2), shown);
        assertThat(shown).isEqualTo(batch(2));
        // the pool now holds images 0..3; from here each shown image is the new one or a stored one, which it replaces
        Set<Integer> stored = new HashSet<>(List.of(0, 1, 2, 3));
        int swaps = 0;
        int queries = 0;
        for (int serial = 4; serial < 4 + 2 * 400; serial += BATCH) {
            pool.query(batch(serial), shown);
            for (int i = 0; i < BATCH; i++) {
                INDArray row = shown.getRow(i);
                int value = row.getInt(0);
                assertThat(row.minNumber().intValue()).isEqualTo(row.maxNumber().intValue());
                queries++;
                if (value != serial + i) {
                    assertThat(stored).as("image %d shown in place of %d", value, serial + i).contains(value);
                    stored.remove(value);
                    stored.add(serial + i);
                    swaps++;
                }
            }
            assertThat(stored).hasSize(capacity);
        }
        // 800 Bernoulli(1/2) draws: mean 400, standard deviation ~14
        assertThat(swaps).isBetween(400 - 70, 400 + 70);
        assertThat(queries).isEqualTo(800);
        assertThat(new ArrayList<>(stored)).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0));
    }
}
