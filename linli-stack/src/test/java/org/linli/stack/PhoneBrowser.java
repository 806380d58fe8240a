package org.linli.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A phone in headless Chromium from Debian's packages ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; no
 * browser of its own), 390 × 844 CSS pixels. It can lose its signal ({@link #offline()}) as a stairwell does. Without the
 * packages the browser tests are skipped, unless {@code LINLI_REQUIRE_BROWSER} is set (CI sets it and installs them).
 */
final class PhoneBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LINLI_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LINLI_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = LinliStack.home().resolve("linli-stack/target/screenshots");

    final ChromeDriver driver;
    private final Path profile;

    private PhoneBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static void assumePresent() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("LINLI_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("LINLI_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "no Debian chromium/chromedriver here: browser tests skipped");
    }

    static PhoneBrowser open() throws IOException {
        return open(390, 844, true);
    }

    /** A community office's screen: 1280 × 800, mouse and keyboard. */
    static PhoneBrowser desk() throws IOException {
        return open(1280, 800, false);
    }

    private static PhoneBrowser open(int width, int height, boolean mobile) throws IOException {
        assumePresent();
        Path profile = Files.createTempDirectory("linli-phone");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=zh-CN", "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // the page's console, kept on a failure
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
        if (mobile) { // a phone's touch
            driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        }
        return new PhoneBrowser(driver, profile);
    }

    /**
     * Waits until the app's service worker is active, as it is for a volunteer who opened the app once with signal
     * (it has then stored everything the app needs to open without one).
     */
    void readyForNoSignal() {
        Object ready = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "if (!('serviceWorker' in navigator)) { done(false); return; }"
                + "navigator.serviceWorker.ready.then(r => done(r.active !== null), () => done(false));");
        if (!Boolean.TRUE.equals(ready)) {
            throw new AssertionError("the app's service worker did not become active");
        }
    }

    /** The stairwell: no network at all until {@link #online()}. */
    void offline() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    void online() {
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Signs in on the development sign-in page as one of the sample people (its button's key). */
    void signInAs(java.net.URI app, String person) {
        driver.get(app.resolve("/dev/sign-in").toString());
        driver.findElement(By.cssSelector("[data-testid=person-" + person + "]")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(app.toString()) && !d.getCurrentUrl().contains("/dev/"));
    }

    /** Waits up to 20 s; on a timeout the screen and its HTML are kept as failed-*.png/.html beside the screenshots. */
    <T> T waitFor(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            keepWhatWasShown();
            throw e;
        }
    }

    private void keepWhatWasShown() {
        String name = "failed-" + System.currentTimeMillis();
        try {
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
            StringBuilder console = new StringBuilder();
            driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> console.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
            Files.writeString(SCREENSHOTS.resolve(name + ".console.txt"), console);
        } catch (IOException | RuntimeException e) {
            // the timeout is what matters
        }
    }

    WebElement shown(String testId) {
        return waitFor(d -> d.findElements(By.cssSelector("[data-testid=" + testId + "]")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Taps an element as a finger would: brought to the middle of the screen first (clear of the tab bar). */
    void tap(WebElement element) {
        waitFor(d -> element.isEnabled());
        script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element);
        element.click();
    }

    /** Taps the shown element with this test id. */
    void tap(String testId) {
        tap(shown(testId));
    }

    List<WebElement> all(String testId) {
        return driver.findElements(By.cssSelector("[data-testid=" + testId + "]"));
    }

    /** Chooses an option of a select by its value (as a person picking it: the change event follows). */
    void choose(String testId, String value) {
        new org.openqa.selenium.support.ui.Select(shown(testId)).selectByValue(value);
    }

    /** Chooses the first real option of a select once its options have loaded (index 0 is "choose"). */
    void chooseFirst(String testId) {
        waitFor(d -> new org.openqa.selenium.support.ui.Select(shown(testId)).getOptions().size() > 1);
        new org.openqa.selenium.support.ui.Select(shown(testId)).selectByIndex(1);
    }

    /** Types into a field, replacing what it held; a date field takes 2026-12-01 whatever the browser's locale. */
    void fill(String testId, String value) {
        WebElement field = shown(testId);
        if ("date".equals(field.getDomAttribute("type"))) {
            script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));"
                    + "arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", field, value);
        } else {
            field.clear();
            field.sendKeys(value);
        }
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves what the phone shows, for the README (docs/screenshots/). */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
