package org.gan4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditional GAN at a CI-sized budget: 400 steps on the bundled 4,000 images (the full budget is in docs),
 * 100 samples per class. Seeds 1–4 on the current code (2026-11-30): mean class accuracy 52.7%, 48.0%, 45.4%, 50.1%;
 * the test runs seed 1 and requires 35% (chance: 10%).
 */
@Tag("training")
class ConditionalGanTrainingTest {

    @Test
    void should_generate_the_requested_classes_far_above_chance(@TempDir Path out) throws Exception {
        int code = Gan4jSamples.run("cgan", "--bundled", "--steps", "400", "--samples-per-class", "100", "--out", out.toString());
        assertThat(code).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        double accuracy = summary.get("mean_class_accuracy").asDouble();
        System.err.printf("conditional DCGAN, 400 steps: mean class accuracy %.3f%n", accuracy);
        assertThat(accuracy).as("share of samples the classifier assigns to the requested class (chance 0.10)")
                .isGreaterThan(0.35);
        assertThat(summary.get("class_accuracy")).hasSize(10);
        assertThat(ImageIO.read(out.resolve("classes.png").toFile()).getWidth()).isEqualTo(10 * 29 + 1);
    }
}
