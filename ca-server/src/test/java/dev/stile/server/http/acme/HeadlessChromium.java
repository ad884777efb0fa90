package dev.stile.server.http.acme;

import dev.stile.testsupport.Requirements;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Debian's chromium driven through Debian's chromedriver (both found on the PATH, so Selenium
 * downloads nothing), headless, with a fresh profile. Skips when they are missing, fails under CI.
 */
final class HeadlessChromium implements AutoCloseable {

    final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    static HeadlessChromium start(Path profile, Path screenshots) throws Exception {
        String chromium = Requirements.program("chromium", "chromium");
        String chromedriver = Requirements.program("chromedriver", "chromium-driver");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(profile), "--window-size=1280,1000");
        // The test CA's root is not in chromium's trust store; the page is still a secure context,
        // so Secure and __Host- cookies behave as in production.
        options.setAcceptInsecureCerts(true);
        Files.createDirectories(screenshots);
        return new HeadlessChromium(new ChromeDriver(service, options), screenshots);
    }

    /** Saves what the window shows as {@code NAME.png} (the test artifact docs/images copies). */
    Path screenshot(String name) throws Exception {
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /** Polls until the condition holds (pages load their data with fetch) or fails naming it. */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        String page;
        try {
            screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            page = String.valueOf(script("return document.body.innerText")).replace('\n', ' ');
        } catch (Exception e) {
            page = "(unreadable: " + e.getMessage() + ")";
        }
        throw new AssertionError("timed out waiting for " + what + " on " + driver.getCurrentUrl()
                + (last == null ? "" : " (" + last.getMessage() + ")") + "; the page says: "
                + page.substring(0, Math.min(400, page.length())));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
