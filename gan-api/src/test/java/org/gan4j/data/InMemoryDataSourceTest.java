package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class InMemoryDataSourceTest {

    static List<Float> pass(GanDataSource source, long seed) {
        int size = (int) source.sampleShape().size();
        float[] buffer = new float[size];
        List<Float> firstValues = new ArrayList<>();
        SampleCursor cursor = source.open(seed);
        while (cursor.next(buffer, 0)) {
            firstValues.add(buffer[0]);
        }
        return firstValues;
    }

    @Test
    void should_visit_every_sample_once_per_pass_in_a_seeded_order() {
        float[] values = new float[20];
        for (int i = 0; i < 20; i++) {
            values[i] = i / 2;
        }
        InMemoryDataSource source = InMemoryDataSource.of(values, Shape.of(2));
        List<Float> a = pass(source, 1);
        assertThat(a).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f);
        assertThat(pass(source, 1)).isEqualTo(a);
        assertThat(pass(source, 2)).isNotEqualTo(a).containsExactlyInAnyOrderElementsOf(a);
    }

    @Test
    void should_take_samples_from_an_ndarray() {
        InMemoryDataSource source = InMemoryDataSource.of(Nd4j.linspace(1, 24, 24).reshape(4, 2, 3));
        assertThat(source.sampleShape()).isEqualTo(Shape.of(2, 3));
        assertThat(source.size()).hasValue(4);
        assertThat(pass(source, 0)).containsExactlyInAnyOrder(1f, 7f, 13f, 19f);
    }

    @Test
    void should_refuse_values_that_are_not_whole_samples() {
        assertThatThrownBy(() -> InMemoryDataSource.of(new float[7], Shape.of(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values length must be a positive multiple of the sample size 2 but was 7");
    }

    @Test
    void should_adapt_a_dataset_iterator_and_map_unit_range_features() {
        DataSet ds = new DataSet(Nd4j.create(new float[] {0f, 0.5f, 1f, 0.25f}, 4, 1), Nd4j.zeros(4, 1));
        GanDataSource source = DataSetIteratorSource.fromUnitRange(new SingletonDataSetIterator(ds), Shape.of(1));
        assertThat(pass(source, 0)).containsExactly(-1f, 0f, 1f, -0.5f);
        assertThat(pass(source, 0)).as("a second pass resets the iterator").containsExactly(-1f, 0f, 1f, -0.5f);
    }
}
