package org.gan4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.MetricPoint;
import org.gan4j.data.FashionMnist;
import org.gan4j.dl4j.BuildInfo;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.TrainedGan;
import org.gan4j.dl4j.listeners.HtmlReportListener;
import org.gan4j.metrics.FashionMnistClassifier;
import org.gan4j.metrics.FeatureMetricsListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The training report every trainer writes, opened in headless Chromium after a real fit with a metrics listener:
 * the page loads without errors, every picture decodes, the tables show the final metrics, versions and the
 * configuration by name, the sample strip shows the report's steps in order. Screenshot: target/report-page.png.
 */
class ReportBrowserTest {
    static ChromeDriver driver;

    @BeforeAll
    static void start() {
        driver = HeadlessChromium.start("1000,3000");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void the_report_should_load_with_its_pictures_tables_and_no_errors(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Generator g = Generator.builder().latent(LatentSpace.gaussian(16)).dense(64).leakyRelu(0.2).dense(784).tanh()
                .reshape(1, 28, 28).build();
        Discriminator d = Discriminator.builder().input(1, 28, 28).flatten().dense(64).leakyRelu(0.2).dense(1).build();
        TrainedGan gan = GanTrainer.builder().generator(g).discriminator(d)
                .data(FashionMnist.bundledImages().toDataSource()).batchSize(32).steps(30).seed(3)
                .listener(new FeatureMetricsListener(FashionMnistClassifier.bundled(),
                        FashionMnist.bundledTestImages().toArray(), 10, 200))
                .listener(new HtmlReportListener(dir, 10, "bundled classifier, 200 samples"))
                .build().fit();

        driver.get(dir.resolve("report.html").toUri().toString());
        List<WebElement> images = driver.findElements(By.tagName("img"));
        assertThat(images).as("losses, FID, IS, a strip of 3 grids, the newest grid").hasSize(7);
        for (WebElement image : images) {
            assertThat((Boolean) driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", image))
                    .as("picture '%s' decodes", image.getAttribute("alt")).isTrue();
        }
        assertThat(driver.findElements(By.cssSelector("#progression figcaption")).stream().map(WebElement::getText))
                .containsExactly("step 10", "step 20", "step 30");

        MetricPoint fid = last(gan.history().metric(FeatureMetricsListener.FID));
        assertThat(rowOf("final", "fid")).containsExactly("fid", String.format(Locale.ROOT, "%.4f", fid.value()), "30");
        MetricPoint is = last(gan.history().metric(FeatureMetricsListener.INCEPTION_SCORE));
        assertThat(rowOf("final", "inception_score")).containsExactly("inception_score",
                String.format(Locale.ROOT, "%.4f", is.value()), "30");
        assertThat(rowOf("run", "commit")).containsExactly("commit", BuildInfo.commit());
        assertThat(rowOf("configuration", "seed")).containsExactly("seed", "3");
        assertThat(rowOf("configuration", "loss")).containsExactly("loss", "NonSaturating()");
        assertThat(driver.findElement(By.className("sub")).getText()).startsWith("step 30 of 30 · epoch 0");

        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "report-page.png"), driver.getScreenshotAs(OutputType.BYTES));
        assertThat(HeadlessChromium.pageErrors(driver)).as("errors raised in the page").isEmpty();
        assertThat(HeadlessChromium.consoleErrors(driver)).as("console errors").isEmpty();
    }

    private static List<String> rowOf(String table, String name) {
        return driver.findElements(By.cssSelector("#" + table + " tr")).stream()
                .map(r -> r.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList())
                .filter(cells -> !cells.isEmpty() && cells.get(0).equals(name)).findFirst().orElseThrow(
                        () -> new AssertionError("no row " + name + " in table #" + table));
    }

    private static MetricPoint last(List<MetricPoint> points) {
        return points.get(points.size() - 1);
    }
}
