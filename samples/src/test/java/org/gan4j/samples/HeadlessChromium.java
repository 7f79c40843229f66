package org.gan4j.samples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver} (which
 * {@code .ci/run} installs), a probe that records page errors before any page script runs, and the console's
 * severe entries. Tests using it are skipped, saying why, where Chromium or its driver is not installed.
 */
public final class HeadlessChromium {
    static final Path CHROMIUM = Path.of(System.getProperty("gan4j.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("gan4j.chromedriver", "/usr/bin/chromedriver"));
    /** Records uncaught errors, failed resource loads, rejected promises and console.error calls. */
    static final String ERROR_PROBE = "window.__errors = [];"
            + "window.addEventListener('error', e => window.__errors.push('error: ' + (e.message || e.target.src)), true);"
            + "window.addEventListener('unhandledrejection', e => window.__errors.push('rejection: ' + e.reason));"
            + "const original = console.error; console.error = (...a) => { window.__errors.push('console: ' + a.join(' '));"
            + " original.apply(console, a); };";

    private HeadlessChromium() {
    }

    /**
     * @param windowSize "width,height"
     * @return a driver with the error probe installed; skips the calling test when Chromium is missing
     */
    public static ChromeDriver start(String windowSize) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium and chromedriver are needed (apt-get install chromium chromium-driver): " + CHROMIUM + ", " + DRIVER);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=" + windowSize, "--allow-file-access-from-files");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_PROBE));
        return driver;
    }

    /** @return the errors the probe recorded in the current page */
    public static List<?> pageErrors(ChromeDriver driver) {
        return (List<?>) driver.executeScript("return window.__errors;");
    }

    /** @return the console entries of level SEVERE since the last call */
    public static List<String> consoleErrors(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
    }
}
