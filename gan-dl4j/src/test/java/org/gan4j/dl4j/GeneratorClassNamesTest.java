package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Class names given to a conditional generator travel with it through save and load. */
class GeneratorClassNamesTest {
    @TempDir
    Path dir;

    static Generator conditional(int classes) {
        return Generator.builder().latent(LatentSpace.gaussian(3)).conditional(classes).dense(4).reshape(1, 2, 2).tanh()
                .build();
    }

    @Test
    void names_should_survive_save_and_load_and_leave_sampling_unchanged() {
        GeneratorModel model = OnnxExportTest.randomized(conditional(3), 4);
        GeneratorModel named = model.withClassNames(List.of("beach", "forest", "T-shirt/top, long"));
        assertThat(model.classNames()).isEmpty();
        assertThat(named.classNames()).containsExactly("beach", "forest", "T-shirt/top, long");
        var z = Nd4j.randn(DataType.FLOAT, 2, 3);
        assertThat(named.sample(z, new int[] {0, 2})).isEqualTo(model.sample(z, new int[] {0, 2}));

        Path file = dir.resolve("generator.zip");
        named.save(file);
        GeneratorModel loaded = GeneratorModel.load(file);
        assertThat(loaded.classNames()).containsExactly("beach", "forest", "T-shirt/top, long");
        assertThat(loaded.sample(z, new int[] {0, 2})).isEqualTo(model.sample(z, new int[] {0, 2}));
        model.save(dir.resolve("plain.zip"));
        assertThat(GeneratorModel.load(dir.resolve("plain.zip")).classNames()).isEmpty();
    }

    @Test
    void names_that_do_not_fit_the_classes_should_be_refused() {
        GeneratorModel model = OnnxExportTest.randomized(conditional(2), 5);
        assertThatThrownBy(() -> model.withClassNames(List.of("a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("names must name each of the generator's 2 classes but had 1");
        assertThatThrownBy(() -> model.withClassNames(List.of("a", " "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("names[1] must not be blank");
        GeneratorModel plain = OnnxExportTest.randomized(Generator.builder().latent(LatentSpace.gaussian(3)).dense(2)
                .build(), 6);
        assertThatThrownBy(() -> plain.withClassNames(List.of("a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("names must name each of the generator's 0 classes but had 1");
    }
}
