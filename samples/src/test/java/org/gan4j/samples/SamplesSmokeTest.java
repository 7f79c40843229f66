package org.gan4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gan4j.dl4j.GeneratorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesSmokeTest {

    @Test
    void should_run_the_main_job_and_write_its_outputs(@TempDir Path out) throws IOException {
        int code = Gan4jSamples.run("dcgan", "--bundled", "--steps", "4", "--grid-every", "2", "--out", out.toString());
        assertThat(code).isZero();
        assertThat(out.resolve("samples-step-000002.png")).exists();
        assertThat(out.resolve("samples-step-000004.png")).exists();
        var grid = ImageIO.read(out.resolve("samples-final.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(8 * 29 + 1);
        assertThat(Files.readAllLines(out.resolve("losses.csv"))).hasSize(5)
                .first().isEqualTo("step,epoch,discriminator_loss,generator_loss");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("steps").asLong()).isEqualTo(4);
        assertThat(summary.get("images").asInt()).isEqualTo(4000);
        assertThat(GeneratorModel.load(out.resolve("generator.zip")).sample(3).shape()).containsExactly(3, 1, 28, 28);
    }

    @Test
    void should_print_help_without_training() {
        assertThat(Gan4jSamples.run("dcgan", "--help")).isZero();
        assertThat(Gan4jSamples.run("--help")).isZero();
    }

    @Test
    void should_refuse_an_unknown_option() {
        assertThat(Gan4jSamples.run("dcgan", "--no-such-option")).isEqualTo(2);
    }

    @Test
    void should_run_the_readme_quick_start() throws IOException {
        Path out = Path.of("output");
        QuickStart.main(new String[] {"3"});
        try {
            assertThat(ImageIO.read(out.resolve("quickstart.png").toFile()).getWidth()).isEqualTo(4 * 29 + 1);
            assertThat(GeneratorModel.load(out.resolve("generator.zip")).outputShape().dims()).containsExactly(1, 28, 28);
        } finally {
            Files.deleteIfExists(out.resolve("quickstart.png"));
            Files.deleteIfExists(out.resolve("generator.zip"));
            Files.deleteIfExists(out);
        }
    }

    @Test
    void should_run_the_ring_program_and_draw_its_scatter_plot(@TempDir Path out) throws IOException {
        int code = Gan4jSamples.run("ring", "--loss", "NS", "--steps", "5", "--out", out.toString());
        assertThat(code).isZero();
        assertThat(ImageIO.read(out.resolve("ring.png").toFile()).getWidth()).isEqualTo(640);
        JsonNode coverage = new ObjectMapper().readTree(out.resolve("coverage.json").toFile());
        assertThat(coverage.get("modes_covered").asInt()).isBetween(0, 8);
        assertThat(coverage.get("samples_per_mode")).hasSize(8);
        assertThat(Files.readAllLines(out.resolve("losses.csv"))).hasSize(6);
    }
}
