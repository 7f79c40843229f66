package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coloured-shapes data set: every drawn image recognised as its own mode, through the PNG folder round trip. */
class ColouredShapesTest {
    @TempDir
    Path folder;
    @TempDir
    Path cache;

    @Test
    void classifier_should_recognise_every_written_image_as_its_folders_mode() {
        ColouredShapes.writeFolder(folder, 24 * 20, 5);
        ImageFolder data = ImageFolder.builder(folder).size(32).channels(3).labelsFromSubfolders().cacheDirectory(cache)
                .build();
        assertThat(data.count()).isEqualTo(480);
        assertThat(data.classNames()).hasSize(24).contains("circle-red", "square-orange", "triangle-white");
        SampleCursor cursor = data.open(1);
        float[] image = new float[3 * 32 * 32];
        List<String> wrong = new ArrayList<>();
        int n = 0;
        while (cursor.next(image, 0)) {
            n++;
            String expected = data.classNames().get(cursor.label());
            int mode = ColouredShapes.classify(image);
            if (mode < 0 || !ColouredShapes.modeName(mode).equals(expected)) {
                wrong.add(expected + " read as " + (mode < 0 ? "nothing" : ColouredShapes.modeName(mode)));
            }
        }
        assertThat(n).isEqualTo(480);
        assertThat(wrong).isEmpty();
    }

    @Test
    void noise_and_empty_images_should_not_be_recognised() {
        float[] black = new float[3 * 32 * 32];
        java.util.Arrays.fill(black, -1f);
        assertThat(ColouredShapes.classify(black)).isEqualTo(-1);
        Random random = new Random(2);
        int recognised = 0;
        for (int i = 0; i < 100; i++) {
            float[] noise = new float[3 * 32 * 32];
            for (int k = 0; k < noise.length; k++) {
                noise[k] = random.nextFloat() * 2 - 1;
            }
            recognised += ColouredShapes.classify(noise) >= 0 ? 1 : 0;
        }
        assertThat(recognised).as("uniform noise images taken for a shape").isZero();
        assertThatThrownBy(() -> ColouredShapes.classify(new float[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image must hold 3 x 32 x 32 = 3072 values but had 5");
        assertThatThrownBy(() -> ColouredShapes.modeName(24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mode must be in [0, 24) but was 24");
    }
}
