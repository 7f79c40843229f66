package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gan4j.spark.cli.GanSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit entry run in-process against a local master. */
class GanSparkCommandTest {
    @TempDir
    static Path dir;
    static String generator;

    @BeforeAll
    static void save() throws Exception {
        SparkFixture.generatorArchive(0, dir);
        generator = dir.resolve("generator-0.zip").toString();
    }

    @Test
    void generate_should_write_the_pngs_and_eval_the_summary() throws Exception {
        Path pngs = dir.resolve("pngs");
        assertThat(GanSpark.run("generate", "--generator", generator, "--samples", "60", "--chunk", "20",
                "--partitions", "2", "--master", "local[2]", "--out", pngs.toString())).isZero();
        try (Stream<Path> files = Files.list(pngs)) {
            assertThat(files.filter(p -> p.getFileName().toString().matches("sample-\\d{9}\\.png"))).hasSize(60);
        }

        Path summary = dir.resolve("eval.json");
        assertThat(GanSpark.run("eval", "--generator", generator, "--samples", "300", "--chunk", "100",
                "--partitions", "2", "--subsample", "100", "--master", "local[2]", "--out", summary.toString())).isZero();
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertThat(s.get("samples").asLong()).isEqualTo(300);
        assertThat(s.get("real_images").asLong()).isEqualTo(2000);
        assertThat(s.get("partitions").asInt()).isEqualTo(2);
        assertThat(s.get("fid").asDouble()).isPositive();
        assertThat(s.get("inception_score").asDouble()).isBetween(1.0, 10.0);
        assertThat(s.get("subsample_per_set").asInt()).isEqualTo(100);
        assertThat(s.get("versions").get("gan4j").asText()).isNotEmpty();
    }

    @Test
    void bad_options_should_exit_with_a_message() {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(GanSpark.run("generate", "--generator", generator, "--format", "gif", "--out", "x")).isEqualTo(1);
            assertThat(GanSpark.run("eval", "--generator", dir.resolve("missing.zip").toString())).isEqualTo(1);
            assertThat(GanSpark.run("eval", "--samples", "10")).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--format must be png or parquet but was gif")
                .contains("--generator " + dir.resolve("missing.zip") + " is not a file")
                .contains("Missing required option: '--generator=<generator>'");
    }
}
