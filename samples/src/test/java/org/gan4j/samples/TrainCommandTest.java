package org.gan4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gan4j.data.ColouredShapes;
import org.gan4j.dl4j.GeneratorModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shapes and train programs: a folder of the user's images to a trained generator, and bad input refused. */
class TrainCommandTest {
    @TempDir
    static Path shapes;
    @TempDir
    static Path cache;
    @TempDir
    Path out;

    @BeforeAll
    static void writeShapes() {
        assertThat(Gan4jSamples.run("shapes", "--count", "480", "--out", shapes.toString())).isZero();
    }

    @Test
    void train_should_write_the_run_of_an_rgb_folder() throws IOException {
        int code = Gan4jSamples.run("train", "--data", shapes.toString(), "--size", "32", "--steps", "20", "--width", "8",
                "--batch-size", "16", "--grid-every", "10", "--checkpoint-every", "10",
                "--cache", cache.toString(), "--out", out.toString());
        assertThat(code).isZero();
        BufferedImage grid = ImageIO.read(out.resolve("samples-final.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(8 * 33 + 1);
        assertThat(out.resolve("samples-step-000010.png")).exists();
        assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64,");
        assertThat(Files.readAllLines(out.resolve("losses.csv"))).hasSize(21);
        assertThat(out.resolve("checkpoints").resolve("checkpoint-000000020.zip")).exists();
        GeneratorModel generator = GeneratorModel.load(out.resolve("generator.zip"));
        assertThat(generator.sample(2).shape()).containsExactly(2, 3, 32, 32);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("images").asInt()).isEqualTo(480);
        assertThat(summary.get("sample_shape").toString()).isEqualTo("[3,32,32]");
        JsonNode coverage = summary.get("shapes_coverage");
        assertThat(coverage.get("samples").asInt()).isEqualTo(2_000);
        assertThat(coverage.get("per_mode")).hasSize(ColouredShapes.MODES);
    }

    /**
     * The coloured shapes at CI size: 4,800 images, the DCGAN (width 32, batch 32) for 1,500 steps, seed 1. On an
     * AVX-512 machine seeds 0, 1 and 2 covered 5, 16 and 11 of the 24 modes (14%, 27% and 32% of 2,000 samples
     * recognised as a shape; the discriminator wins the first ~800 steps, then the generator catches up); on an AVX2
     * one (Zen 3), whose kernels round differently, seed 2 covered 1 mode and seed 1 16 (24% recognised). The run is
     * deterministic for a seed and a machine; seed 1 stands farthest from the bound on both, so the margin guards
     * against regressions in data, networks and training rather than against seed luck.
     */
    @Test
    @org.junit.jupiter.api.Tag("training")
    void coloured_shapes_run_at_ci_size_should_cover_a_share_of_the_modes(@TempDir Path data) throws IOException {
        assertThat(Gan4jSamples.run("shapes", "--count", "4800", "--out", data.toString())).isZero();
        int code = Gan4jSamples.run("train", "--data", data.toString(), "--steps", "1500", "--seed", "1", "--grid-every",
                "1500", "--checkpoint-every", "0", "--cache", cache.toString(), "--out", out.toString());
        assertThat(code).isZero();
        JsonNode coverage = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("shapes_coverage");
        assertThat(coverage.get("modes_covered").asInt()).as("modes covered of 24").isGreaterThanOrEqualTo(6);
        assertThat(coverage.get("recognised_share").asDouble()).as("samples recognised as a shape").isGreaterThan(0.15);
    }

    @Test
    void inception_file_should_give_fid_and_is_of_the_run() throws IOException {
        Path inception = out.resolve("small_inception.onnx");
        try (var in = getClass().getResourceAsStream("/fixtures/small_inception.onnx")) {
            Files.copy(in, inception);
        }
        int code = Gan4jSamples.run("train", "--data", shapes.toString(), "--steps", "4", "--width", "4", "--batch-size",
                "8", "--checkpoint-every", "0", "--inception", inception.toString(), "--metrics-every", "2",
                "--metric-samples", "40", "--cache", cache.toString(), "--out", out.toString());
        assertThat(code).isZero();
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("metrics");
        assertThat(metrics.get("fid").asDouble()).isPositive();
        assertThat(metrics.get("inception_score_mean").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.get("inception_score_of_real_images").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(Files.readString(out.resolve("report.html"))).contains("InceptionV3");
    }

    @Test
    void conditional_training_should_keep_the_class_names_with_the_model() throws IOException {
        int code = Gan4jSamples.run("train", "--data", shapes.toString(), "--size", "32", "--steps", "4", "--width", "4",
                "--batch-size", "8", "--conditional", "--model", "sngan", "--checkpoint-every", "0",
                "--cache", cache.toString(), "--out", out.toString());
        assertThat(code).isZero();
        GeneratorModel generator = GeneratorModel.load(out.resolve("generator.zip"));
        assertThat(generator.classes()).isEqualTo(24);
        assertThat(generator.classNames()).hasSize(24).startsWith("circle-blue", "circle-cyan");
        assertThat(generator.sample(new int[] {0, 23}).shape()).containsExactly(2, 3, 32, 32);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("loss").asText()).isEqualTo("hinge");
    }

    @Test
    void bad_folders_and_options_should_be_refused_before_training(@TempDir Path empty) throws IOException {
        assertThat(run("--data", empty.toString())).isEqualTo(2);
        assertThat(run("--data", shapes.toString(), "--size", "28")).isEqualTo(2);
        assertThat(run("--data", shapes.toString(), "--channels", "2")).isEqualTo(2);
        assertThat(run("--data", shapes.toString(), "--model", "stylegan3")).isEqualTo(2);
        assertThat(run("--data", shapes.toString(), "--loss", "wasserstein")).isEqualTo(2);
        Path oneClass = empty.resolve("one");
        ColouredShapes.writeFolder(oneClass.resolve("only"), 1, 0);
        Files.move(oneClass.resolve("only").resolve("circle-red"), oneClass.resolve("cats"));
        assertThat(run("--data", oneClass.toString(), "--conditional")).isEqualTo(2);
        assertThat(run("--data", oneClass.toString(), "--batch-size", "64")).isEqualTo(2);
        assertThat(out.resolve("generator.zip")).doesNotExist();
    }

    private int run(String... options) {
        String[] args = new String[options.length + 7];
        args[0] = "train";
        System.arraycopy(options, 0, args, 1, options.length);
        String[] tail = {"--steps", "1", "--cache", cache.toString(), "--out", out.toString()};
        System.arraycopy(tail, 0, args, 1 + options.length, tail.length);
        return Gan4jSamples.run(args);
    }
}
