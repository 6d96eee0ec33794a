package eu.delisting.gateway.console;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real headless Chromium (Debian's, with its ChromeDriver; see src/test/tooling/install-browser.sh) driven
 * through Selenium, with axe-core injected to check each page against WCAG 2.x A and AA.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final ChromeDriver driver;
    private final String axe;

    private Browser(ChromeDriver driver, String axe) {
        this.driver = driver;
        this.axe = axe;
    }

    static Browser start() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        Path profile = Files.createTempDirectory("console-browser");
        // The machine's network is closed: Chromium's own background traffic is switched off.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--lang=en-GB", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, axeSource());
    }

    /**
     * Leaves the browser as a fresh one would be for the next visitor: one new blank tab (the last test's pages, their
     * history and session storage closed with theirs), no cookie of any site (the gateway's session and the identity
     * provider's alike), an empty cache, and nothing stored for the {@code origins} named.
     */
    void forgetEverything(List<String> origins) {
        String previous = driver.getWindowHandle();
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        String fresh = driver.getWindowHandle();
        driver.switchTo().window(previous).close();
        driver.switchTo().window(fresh);
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        for (String origin : origins) {
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** The element; when absent, the page is kept (target/console-screenshots/missing-*.html) and named in the failure. */
    WebElement find(String css) {
        try {
            return driver.findElement(By.cssSelector(css));
        } catch (org.openqa.selenium.NoSuchElementException e) {
            String kept = "missing-" + System.nanoTime() + ".html";
            try {
                Files.createDirectories(SCREENSHOTS);
                Files.writeString(SCREENSHOTS.resolve(kept), driver.getPageSource());
            } catch (IOException ignored) {
                // the failure below says what is missing either way
            }
            throw new AssertionError("no " + css + " on " + driver.getCurrentUrl() + " (page kept as " + kept + ")", e);
        }
    }

    /** Clicks a link or a control that submits a form, and waits until the next page has replaced this one. */
    void submit(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(css).click();
        // The old page is gone once its root can no longer be asked anything (Chromium says so either as a stale
        // element or as a node that no longer belongs to the document).
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs an asynchronous script whose last argument is the callback. */
    Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /** A same-origin request from the page, with its cookies: status and body. */
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch(String method, String path, String formBody) {
        return (Map<String, Object>) asyncScript("""
                const done = arguments[arguments.length - 1];
                const init = { method: arguments[0], redirect: 'manual', credentials: 'same-origin' };
                if (arguments[2] !== null) {
                  init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
                  init.body = arguments[2];
                }
                fetch(arguments[1], init).then(r => r.text().then(t => done({ status: r.status, body: t,
                    type: r.headers.get('content-type') || '' }))).catch(e => done({ status: -1, body: String(e) }));
                """, method, path, formBody);
    }

    /** The page's accessibility violations of impact serious or critical, as "rule: target" lines. */
    @SuppressWarnings("unchecked")
    List<String> seriousViolations() {
        script(axe);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) asyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                  .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                      targets: v.nodes.map(n => n.target.join(' ')).join(', ') }))))
                  .catch(e => done([{ id: 'axe-failed', impact: 'critical', targets: String(e) }]));
                """);
        return violations.stream().filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("targets")).toList();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String axeSource() throws IOException {
        String name = "META-INF/resources/webjars/axe-core/" + System.getProperty("axe-core.version", "4.6.3") + "/axe.min.js";
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("axe-core not on the test classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
