package org.gan4j.dl4j.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.dl4j.GanTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportListenersTest {

    private static GanTrainer.Builder tinyImageGan(long steps) {
        float[] pixels = new float[100 * 49];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) Math.sin(0.1 * i);
        }
        return GanTrainer.builder()
                .generator(Generator.builder().latent(LatentSpace.gaussian(8)).dense(49).tanh().reshape(1, 7, 7).build())
                .discriminator(Discriminator.builder().input(1, 7, 7).flatten().dense(8).leakyRelu(0.2).dense(1).build())
                .data(InMemoryDataSource.of(pixels, Shape.of(1, 7, 7)))
                .batchSize(20).steps(steps).seed(4);
    }

    @Test
    void should_draw_a_progress_bar_with_steps_speed_and_losses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tinyImageGan(15).listener(new ProgressBarListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1))
                .build().fit();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("train").contains("15/15").contains("steps/s").containsPattern("epoch \\d+  D \\d+\\.\\d{4}  G \\d+\\.\\d{4}");
        assertThatThrownBy(() -> new ProgressBarListener(System.err, 0)).hasMessage("updateMillis must be >= 1 but was 0");
    }

    @Test
    void should_write_an_html_report_and_a_json_record_of_the_run(@TempDir Path dir) throws Exception {
        TrainingListener metric = new TrainingListener() {
            @Override
            public void onStepEnd(TrainingView view, StepResult result) {
                if (result.step() % 4 == 0) {
                    view.recordMetric("fid", 100.0 / result.step());
                }
            }
        };
        tinyImageGan(12).listener(metric).listener(new HtmlReportListener(dir, 5, "test protocol: no extractor")).build().fit();

        String html = Files.readString(dir.resolve("report.html"));
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            assertThat(ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(images.group(1))))).isNotNull();
            count++;
        }
        assertThat(count).as("losses, the fid curve, the strip of steps 5, 10, 12 and the newest grid").isEqualTo(6);
        assertThat(html).contains("step 12 of 12").contains("<th>seed</th><td class=\"v\">4</td>")
                .contains("test protocol: no extractor").contains("<figcaption>step 5</figcaption>")
                .contains("<figcaption>step 10</figcaption>").contains("<figcaption>step 12</figcaption>")
                .contains("<td class=\"v\">fid</td><td class=\"n\">8.3333</td><td class=\"n\">12</td>");

        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertThat(run.get("step").asLong()).isEqualTo(12);
        assertThat(run.get("configuration").get("seed").asText()).isEqualTo("4");
        assertThat(run.get("configuration").get("generator").asText()).startsWith("Generator(");
        assertThat(run.get("final_metrics").get("fid").asDouble()).isEqualTo(100.0 / 12);
        assertThat(run.get("metric_protocol").asText()).isEqualTo("test protocol: no extractor");
        assertThat(run.get("versions").get("java").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(run.get("versions").get("nd4j").asText()).isEqualTo("1.0.0-M2.1");
        assertThat(run.get("versions").get("gan4j").asText()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        // the commit of the checkout the build ran in; "unknown" only where the build had no git metadata
        assertThat(run.get("versions").get("commit").asText()).matches("[0-9a-f]{40}(-dirty)?|unknown");
        assertThat(run.get("final_generator_loss").isNumber()).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("report.html", "run.json");
        }
    }
}
