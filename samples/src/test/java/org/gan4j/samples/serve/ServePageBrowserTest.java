package org.gan4j.samples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gan4j.samples.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sampling page in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs) loads the page from a running server; the test works every control and checks
 * that the pictures change as they should and that nothing reaches the console as an error. Its screenshot is left
 * in {@code target/serve-page.png}. Skipped, saying why, where Chromium or its driver is not installed.
 */
class ServePageBrowserTest {
    /** The pixels an image shows, as a data URL (equal URLs: equal pictures). */
    static final String PIXELS = "const img = document.getElementById(arguments[0]);"
            + "if (!img.complete || img.naturalWidth === 0) return null;"
            + "const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;"
            + "c.getContext('2d').drawImage(img, 0, 0); return c.toDataURL();";

    static SamplingServer server;
    static ChromeDriver driver;

    @BeforeAll
    static void start() {
        driver = HeadlessChromium.start("1000,1100");
        server = SamplingServer.start(TinyGenerator.of(3).withClassNames(List.of("circle", "square",
                "triangle")), new InetSocketAddress("127.0.0.1", 0), 4, 32);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void every_control_should_change_the_pictures_without_errors() throws IOException {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertThat(driver.findElement(By.id("info")).getText()).contains("latent gaussian 6", "1×8×8", "3 classes");

        String grid = pixels("grid");
        String strip = pixels("strip");
        assertThat(grid).isNotNull();
        assertThat(strip).isNotNull();
        assertThat(naturalWidth("grid")).isEqualTo(8 * 9 + 1);

        driver.findElement(By.id("random")).click();
        grid = awaitChange(wait, "grid", grid);

        setValue("seed", "12345", "change");
        grid = awaitChange(wait, "grid", grid);

        new Select(driver.findElement(By.id("count"))).selectByVisibleText("32");
        grid = awaitChange(wait, "grid", grid);
        assertThat(naturalHeight("grid")).isEqualTo(4 * 9 + 1);

        Select classes = new Select(driver.findElement(By.id("label")));
        assertThat(classes.getOptions().stream().map(o -> o.getText()).toList())
                .containsExactly("all classes", "0: circle", "1: square", "2: triangle");
        classes.selectByValue("2");
        grid = awaitChange(wait, "grid", grid);
        strip = awaitChange(wait, "strip", strip);

        setValue("to", "77", "change");
        strip = awaitChange(wait, "strip", strip);
        setValue("steps", "4", "input");
        strip = awaitChange(wait, "strip", strip);
        assertThat(naturalWidth("strip")).isEqualTo(4 * 9 + 1);
        assertThat(driver.findElement(By.id("steps-value")).getText()).isEqualTo("4");

        assertThat(driver.findElement(By.id("truncation")).isDisplayed()).as("no truncation for this model").isFalse();
        assertThat(driver.findElement(By.id("error")).getText()).isEmpty();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "serve-page.png"), driver.getScreenshotAs(OutputType.BYTES));

        assertThat(HeadlessChromium.pageErrors(driver)).as("errors raised in the page").isEmpty();
        assertThat(HeadlessChromium.consoleErrors(driver)).as("console errors").isEmpty();
    }

    private static String awaitChange(WebDriverWait wait, String id, String before) {
        return wait.withMessage("the picture #" + id + " to change").until(d -> {
            String now = pixels(id);
            return now != null && !now.equals(before) ? now : null;
        });
    }

    private static void setValue(String id, String value, String event) {
        js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event(arguments[2], {bubbles: true}));", id, value, event);
    }

    private static String pixels(String id) {
        return (String) js(PIXELS, id);
    }

    private static long naturalWidth(String id) {
        return (Long) js("return document.getElementById(arguments[0]).naturalWidth;", id);
    }

    private static long naturalHeight(String id) {
        return (Long) js("return document.getElementById(arguments[0]).naturalHeight;", id);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
