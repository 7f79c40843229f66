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
        int code = Gan4jSamples.run("dcgan", "--bundled", "--steps", "4", "--grid-every", "2", "--checkpoint-every", "2",
                "--out", out.toString());
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
        assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64,");
        assertThat(new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("step").asLong()).isEqualTo(4);
        assertThat(org.gan4j.dl4j.Checkpoint.read(out.resolve("checkpoints").resolve("checkpoint-000000004.zip")).step())
                .isEqualTo(4);
    }

    @Test
    void should_train_the_stabilized_recipes_with_metrics_during_training(@TempDir Path out) throws IOException {
        int code = Gan4jSamples.run("dcgan", "--bundled", "--model", "sngan", "--augment", "ada", "--ema", "0.9",
                "--steps", "4", "--metrics-every", "2", "--train-images", "500", "--grid-every", "4", "--out", out.toString());
        assertThat(code).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("images").asInt()).isEqualTo(500);
        assertThat(summary.get("model").asText()).isEqualTo("sngan");
        assertThat(summary.get("during_training").findValuesAsText("step")).containsExactly("2", "4");
        assertThat(summary.get("versions").get("nd4j").asText()).isEqualTo("1.0.0-M2.1");
        assertThat(Files.readAllLines(out.resolve("losses.csv")).get(0)).endsWith(",augment_p,augment_r");
    }

    @Test
    void should_train_a_stylegan_and_write_its_figures(@TempDir Path out) throws IOException {
        int code = Gan4jSamples.run("stylegan", "--bundled", "--steps", "4", "--channels", "8", "--w-size", "16",
                "--batch-size", "4", "--grid-every", "2", "--out", out.toString());
        assertThat(code).isZero();
        assertThat(ImageIO.read(out.resolve("style-mixing.png").toFile()).getWidth()).isEqualTo(7 * 33 + 1);
        assertThat(ImageIO.read(out.resolve("truncation.png").toFile()).getHeight()).isEqualTo(4 * 33 + 1);
        assertThat(ImageIO.read(out.resolve("interpolation.png").toFile()).getWidth()).isEqualTo(8 * 33 + 1);
        assertThat(out.resolve("stylegan.zip")).isNotEmptyFile();
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("steps").asLong()).isEqualTo(4);
        assertThat(summary.get("metrics").get("fid").asDouble()).isPositive();
        double share = summary.get("style_control").get("share_with_class_of_coarse_styles").asDouble();
        assertThat(share).isBetween(0.0, 1.0);
        assertThat(Files.readAllLines(out.resolve("losses.csv")).get(0)).endsWith(",pathLength,pathLengthMean,r1");
    }

    @Test
    void should_retrain_the_classifier_on_the_bundled_subset(@TempDir Path out) {
        Path model = out.resolve("classifier.samediff");
        assertThat(Gan4jSamples.run("train-classifier", "--bundled", "--epochs", "1", "--out", model.toString())).isZero();
        assertThat(model).isNotEmptyFile();
    }

    @Test
    void should_run_the_one_dimensional_toy(@TempDir Path out) throws IOException {
        assertThat(Gan4jSamples.run("toy1d", "--steps", "5", "--out", out.toString())).isZero();
        assertThat(ImageIO.read(out.resolve("histogram.png").toFile()).getWidth()).isEqualTo(640);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("sample_std").asDouble()).isPositive();
        assertThat(Files.readAllLines(out.resolve("losses.csv"))).hasSize(6);
        assertThat(Gan4jSamples.run("toy1d", "--std", "0", "--out", out.toString())).isNotZero();
    }

    @Test
    void should_run_the_conditional_gan_program(@TempDir Path out) throws IOException {
        assertThat(Gan4jSamples.run("cgan", "--bundled", "--steps", "3", "--samples-per-class", "5", "--out", out.toString()))
                .isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("class_accuracy")).hasSize(10);
        assertThat(summary.get("mean_class_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(GeneratorModel.load(out.resolve("generator.zip")).classes()).isEqualTo(10);
        assertThat(Gan4jSamples.run("cgan", "--arch", "resnet", "--bundled", "--steps", "1", "--out", out.toString()))
                .isNotZero();
    }

    @Test
    void should_run_the_cyclegan_program(@TempDir Path out) throws IOException {
        assertThat(Gan4jSamples.run("cyclegan", "--bundled", "--steps", "2", "--filters", "2", "--blocks", "1", "--eval", "10",
                "--checkpoint-every", "1", "--out", out.toString())).isZero();
        assertThat(out.resolve("checkpoints").resolve("checkpoint-000000002.zip")).exists();
        assertThat(Files.readAllLines(out.resolve("losses.csv"))).hasSize(3);
        assertThat(Files.readString(out.resolve("report.html"))).contains("alt=\"loss terms\"").contains("alt=\"samples\"");
        // a longer run in the same folder continues from the newest checkpoint (a fresh run would rewrite it)
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(out.resolve("checkpoints").resolve("checkpoint-000000002.zip"));
        assertThat(Gan4jSamples.run("cyclegan", "--bundled", "--steps", "3", "--filters", "2", "--blocks", "1", "--eval", "10",
                "--checkpoint-every", "1", "--out", out.toString())).isZero();
        assertThat(out.resolve("checkpoints").resolve("checkpoint-000000003.zip")).exists();
        assertThat(Files.getLastModifiedTime(out.resolve("checkpoints").resolve("checkpoint-000000002.zip"))).isEqualTo(written);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("accuracy_x_to_y").asDouble()).isBetween(0.0, 1.0);
        assertThat(summary.get("cycle_l1_mean").asDouble()).isPositive();
        assertThat(summary.get("test_images_x").asInt()).isEqualTo(10);
        assertThat(Files.readAllLines(out.resolve("losses.csv"))).hasSize(4);
        assertThat(org.gan4j.dl4j.TranslatorModel.load(out.resolve("yToX.zip")).outputShape())
                .isEqualTo(org.gan4j.Shape.of(1, 28, 28));
        // 8 rows of x, G(x), F(G(x)), y, F(y), G(F(y)), 28 pixels and a 1-pixel border each
        assertThat(javax.imageio.ImageIO.read(out.resolve("translations.png").toFile()).getWidth()).isEqualTo(6 * 29 + 1);
        assertThat(Gan4jSamples.run("cyclegan", "--x-class", "3", "--y-class", "3", "--out", out.toString())).isNotZero();
    }

    @Test
    void should_run_the_gan_vae_comparison(@TempDir Path out) throws IOException {
        assertThat(Gan4jSamples.run("compare", "--bundled", "--minutes", "0.03", "--eval", "100", "--latent", "8",
                "--components", "2", "--out", out.toString())).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String model : new String[] {"dcgan", "vae", "vae_expost"}) {
            assertThat(summary.get(model).get("steps").asInt()).as(model).isPositive();
            assertThat(summary.get(model).get("fid").asDouble()).as(model).isPositive();
            assertThat(summary.get(model).get("class_shares").size()).isEqualTo(10);
            assertThat(summary.get(model).get("sharpness").asDouble()).isPositive();
        }
        assertThat(summary.get("vae").get("test_negative_elbo_nats").asDouble()).isBetween(100.0, 2000.0);
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("alt=\"vae-reconstructions\"").contains("alt=\"dcgan-interpolation\"")
                .contains("<td>Ankle boot</td>");
        assertThat(org.gan4j.dl4j.VaeModel.load(out.resolve("vae.zip")).latent().size()).isEqualTo(8);
        // 10 interpolation steps per row, 28 pixels and a 1-pixel border each
        assertThat(javax.imageio.ImageIO.read(out.resolve("vae-interpolation.png").toFile()).getWidth()).isEqualTo(10 * 29 + 1);
        assertThat(Gan4jSamples.run("compare", "--eval", "10", "--out", out.toString())).isNotZero();
    }

    /** Bad option values are usage errors (exit code 2) reported before any data is loaded or training starts. */
    @Test
    void should_refuse_bad_option_values_as_usage_errors(@TempDir Path out) {
        String[][] bad = {
            {"dcgan", "--steps", "-5"}, {"dcgan", "--checkpoint-every", "-3"}, {"dcgan", "--batch-size", "0"},
            {"dcgan", "--grid-every", "0"}, {"dcgan", "--data", out.resolve("missing").toString()},
            {"dcgan", "--model", "stylegan9"}, {"dcgan", "--augment", "mixup"}, {"dcgan", "--ema", "1"},
            {"dcgan", "--lr", "0"}, {"dcgan", "--train-images", "-1"}, {"dcgan", "--metrics-every", "-1"},
            {"cgan", "--samples-per-class", "0"}, {"cyclegan", "--x-class", "10"}, {"cyclegan", "--identity", "-1"},
            {"cyclegan", "--x-class", "3", "--y-class", "3"}, {"toy1d", "--std", "0"}, {"toy1d", "--mean", "NaN"},
            {"ring", "--lr", "-1"}, {"train-classifier", "--epochs", "0"}, {"compare", "--minutes", "0"},
            {"compare", "--eval", "10"}};
        for (String[] args : bad) {
            String[] withOut = java.util.Arrays.copyOf(args, args.length + 2);
            withOut[args.length] = "--out";
            withOut[args.length + 1] = out.resolve("never").toString();
            assertThat(Gan4jSamples.run(withOut)).as(String.join(" ", args)).isEqualTo(2);
        }
        assertThat(out.resolve("never")).doesNotExist();
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

    @Test
    void should_compute_metrics_between_an_idx_file_and_a_folder_of_pngs(@TempDir Path dir) throws IOException {
        var test = org.gan4j.data.FashionMnist.bundledTestImages().toArray();
        Path pngs = Files.createDirectories(dir.resolve("pngs"));
        float[] all = test.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 40)).dup().data().asFloat();
        for (int i = 0; i < 40; i++) {
            var image = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 784; p++) {
                int g = Math.round((all[i * 784 + p] + 1f) * 127.5f);
                image.getRaster().setSample(p % 28, p / 28, 0, g);
            }
            ImageIO.write(image, "png", pngs.resolve(String.format("img-%03d.png", i)).toFile());
        }
        Path idx = dir.resolve("real-idx3-ubyte");
        byte[] header = java.nio.ByteBuffer.allocate(16).putInt(2051).putInt(40).putInt(28).putInt(28).array();
        byte[] pixels = new byte[40 * 784];
        float[] v = test.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 40)).dup().data().asFloat();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.round((v[i] + 1f) * 127.5f);
        }
        Files.write(idx, header);
        Files.write(idx, pixels, java.nio.file.StandardOpenOption.APPEND);
        Path json = dir.resolve("figures.json");
        assertThat(Gan4jSamples.run("metrics", "--real", idx.toString(), "--fake", pngs.toString(), "--out", json.toString()))
                .isZero();
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.get("fake_count").asInt()).isEqualTo(40);
        assertThat(Math.abs(figures.get("fid").asDouble())).as("same images through PNG and IDX").isLessThan(1e-3);
        assertThat(figures.get("precision").asDouble()).isEqualTo(1.0);
        assertThat(Gan4jSamples.run("metrics", "--real", dir.resolve("missing").toString(), "--fake", pngs.toString()))
                .isNotZero();

        Path onnx = dir.resolve("small_inception.onnx");
        try (var in = getClass().getResourceAsStream("/fixtures/small_inception.onnx")) {
            Files.copy(in, onnx);
        }
        Path inceptionJson = dir.resolve("inception.json");
        assertThat(Gan4jSamples.run("metrics", "--real", idx.toString(), "--fake", pngs.toString(),
                "--inception", onnx.toString(), "--out", inceptionJson.toString())).isZero();
        JsonNode inception = new ObjectMapper().readTree(inceptionJson.toFile());
        assertThat(inception.get("extractor").asText()).contains("input=[3, 299, 299], pool3=32, logits=10");
        assertThat(Math.abs(inception.get("fid").asDouble())).as("same images, ONNX features").isLessThan(1e-3);
    }
}
