package org.gan4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.samples.serve.TinyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.onnxruntime.runner.OnnxRuntimeRunner;

/** The export and serve programs from the command line: their outputs, and bad options refused with exit code 2. */
class ExportAndServeCommandTest {
    @TempDir
    static Path dir;
    static Path archive;
    static GeneratorModel model;

    @BeforeAll
    static void saveGenerator() {
        model = TinyGenerator.of(0);
        archive = dir.resolve("generator.zip");
        model.save(archive);
    }

    @Test
    void export_should_write_a_model_that_onnxruntime_runs_like_gan4j() {
        Path onnx = dir.resolve("generator.onnx");
        assertThat(Gan4jSamples.run("export", "--model", archive.toString(), "--out", onnx.toString())).isZero();
        INDArray z = Nd4j.randn(DataType.FLOAT, 4, 6);
        try (OnnxRuntimeRunner runner = OnnxRuntimeRunner.builder().modelUri(onnx.toString()).build()) {
            INDArray exported = runner.exec(Map.of("z", z)).get("sample");
            assertThat(exported.shape()).containsExactly(4, 1, 8, 8);
            assertThat(exported.sub(model.sample(z)).amaxNumber().doubleValue()).isLessThan(1e-5);
        }
    }

    @Test
    void export_should_write_the_uint8_rgb_form() {
        Path onnx = dir.resolve("generator-rgb.onnx");
        assertThat(Gan4jSamples.run("export", "--model", archive.toString(), "--form", "uint8-rgb", "--out", onnx.toString()))
                .isZero();
        try (OnnxRuntimeRunner runner = OnnxRuntimeRunner.builder().modelUri(onnx.toString()).build()) {
            INDArray images = runner.exec(Map.of("z", Nd4j.randn(DataType.FLOAT, 2, 6))).get("sample");
            assertThat(images.dataType()).isEqualTo(DataType.UINT8);
            assertThat(images.shape()).containsExactly(2, 3, 8, 8);
        }
    }

    @Test
    void export_should_refuse_bad_options() {
        assertThat(Gan4jSamples.run("export", "--model", dir.resolve("none.zip").toString(), "--out", "x.onnx")).isEqualTo(2);
        assertThat(Gan4jSamples.run("export", "--model", archive.toString(), "--kind", "vae", "--out", "x.onnx")).isEqualTo(2);
        assertThat(Gan4jSamples.run("export", "--model", archive.toString(), "--form", "png", "--out", "x.onnx")).isEqualTo(2);
        assertThat(Gan4jSamples.run("export", "--model", archive.toString(), "--kind", "translator", "--form", "uint8-rgb",
                "--out", "x.onnx")).isEqualTo(2);
        assertThat(dir.resolve("x.onnx")).doesNotExist();
        assertThat(Path.of("x.onnx")).doesNotExist();
    }

    @Test
    void serve_should_answer_while_it_runs_and_stop_after_its_duration() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String[] args = {"serve", "--model", archive.toString(), "--port", Integer.toString(port), "--duration", "4"};
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Gan4jSamples.run(args));
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> info = null;
        for (int attempt = 0; attempt < 60 && info == null; attempt++) {
            try {
                info = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/info")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        assertThat(info).as("an answer from the serve program").isNotNull();
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"latent_size\":6");
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void serve_should_refuse_bad_options() {
        assertThat(Gan4jSamples.run("serve", "--model", archive.toString(), "--threads", "0")).isEqualTo(2);
        assertThat(Gan4jSamples.run("serve", "--model", archive.toString(), "--port", "70000")).isEqualTo(2);
        assertThat(Gan4jSamples.run("serve", "--model", dir.resolve("none.zip").toString())).isEqualTo(2);
        assertThat(Gan4jSamples.run("serve", "--model", archive.toString(), "--class-names", "a,b")).isEqualTo(2);
    }
}
