package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageFolder's decoding rule against Pillow (src/test/python/image_resize_fixture.py): RGB, gray and RGBA files,
 * gray and RGB targets, square and non-square, down- and upscaling, two backgrounds; every value to 1e-5.
 */
class ImageResizeFixtureTest {
    @TempDir
    Path dir;

    @Test
    void decoding_should_match_pillow() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/image-resize/expected.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        assertThat(fixture.get("cases")).hasSize(9);
        for (JsonNode c : fixture.get("cases")) {
            String name = c.get("file").asText();
            Path file = dir.resolve(name);
            try (InputStream in = getClass().getResourceAsStream("/fixtures/image-resize/" + name)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            JsonNode bg = c.get("background");
            ImageDecoding decoding = new ImageDecoding(c.get("channels").asInt(), c.get("height").asInt(),
                    c.get("width").asInt(), new double[] {bg.get(0).asDouble(), bg.get(1).asDouble(), bg.get(2).asDouble()});
            float[] actual = decoding.decode(file);
            JsonNode expected = c.get("values");
            assertThat(actual).as("values of %s", c).hasSize(expected.size());
            double worst = 0;
            for (int i = 0; i < actual.length; i++) {
                worst = Math.max(worst, Math.abs(actual[i] - expected.get(i).asDouble()));
            }
            assertThat(worst).as("max |gan4j - Pillow| for %s as %dx%dx%d on %s", name, c.get("channels").asInt(),
                    c.get("height").asInt(), c.get("width").asInt(), bg).isLessThan(1e-5);
        }
    }
}
