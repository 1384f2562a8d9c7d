package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.Wait;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlInput;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.htmlunit.HtmlUnitWebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser on the deployed console: Debian's headless Chromium, driven through its own
 * chromedriver, wherever both are installed ({@code .ci/run} installs them); elsewhere HtmlUnit, a
 * browser written in Java that comes with the build, with scripts off, which is all the console
 * needs (it has no JavaScript). What only a real browser can show (pictures, phone-width layout,
 * that no script runs, the browser's console) is checked on Chromium alone: those tests call
 * {@link #requireChromium} and are skipped, saying why, on HtmlUnit. Never a browser or driver that
 * a tool downloads: the paths are fixed, so Selenium Manager has nothing to look for.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final AtomicBoolean SAID_WHICH = new AtomicBoolean();

    final WebDriver driver;
    private final boolean chromium;
    private final int port;

    ConsoleBrowser(int port) {
        this.port = port;
        this.chromium = chromiumInstalled();
        if (SAID_WHICH.compareAndSet(false, true)) {
            System.out.println(
                    chromium
                            ? "Console tests on Chromium (" + CHROMIUM + ", " + CHROMEDRIVER + ")"
                            : "Console tests on HtmlUnit: no Chromium and chromedriver at " + CHROMIUM + " and "
                                    + CHROMEDRIVER + " (-Dit.chromium, -Dit.chromedriver); the tests that need"
                                    + " a real browser are skipped");
        }
        driver = chromium ? chromium() : htmlUnit(port);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    static boolean chromiumInstalled() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // The first four Chromium needs here (root, no GPU, a small /dev/shm); the rest keep it from
        // calling Google's services, which this machine's closed network refuses.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /**
     * HtmlUnit with scripts off. Chromium resolves every {@code *.localhost} name to loopback by
     * itself, the JVM asks DNS, which knows none of them: so every request goes to the server as
     * its proxy, which answers it by its {@code Host}, as it answers the browser's.
     */
    private static HtmlUnitDriver htmlUnit(int port) {
        HtmlUnitDriver htmlUnit = new HtmlUnitDriver(false);
        htmlUnit.setHTTPProxy("127.0.0.1", port, List.of());
        return htmlUnit;
    }

    /** Skips the calling test, saying why, unless this is Chromium. */
    void requireChromium(String why) {
        Assumptions.assumeTrue(chromium, () -> "needs Chromium, which is not installed (" + CHROMIUM + "): " + why);
    }

    String url(String host, String path) {
        return "http://" + host + ":" + port + path;
    }

    /** Opens a page of the console on {@code localhost}. */
    ConsoleBrowser open(String path) {
        return openOn("localhost", path);
    }

    ConsoleBrowser openOn(String host, String path) {
        driver.get(url(host, path));
        return this;
    }

    ConsoleBrowser signIn() {
        return signIn("localhost", "admin", Deployments.ADMIN_PASSWORD);
    }

    ConsoleBrowser signIn(String host, String username, String password) {
        openOn(host, "/admin/login.xhtml");
        fill("login:username", username);
        fill("login:password", password);
        click("login:sign-in");
        return this;
    }

    ConsoleBrowser fill(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Chooses an option of a select by its value. */
    ConsoleBrowser select(String id, String value) {
        new Select(driver.findElement(By.id(id))).selectByValue(value);
        return this;
    }

    /** The values of a select's options, in order. */
    List<String> options(String id) {
        return new Select(driver.findElement(By.id(id)))
                .getOptions().stream()
                        .map(option -> option.getAttribute("value"))
                        .toList();
    }

    /** Sets a field's value at once, as typing it would (typing a megabyte takes minutes). */
    ConsoleBrowser setValue(String id, String value) {
        if (chromium) {
            ((JavascriptExecutor) driver)
                    .executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
        } else {
            ((HtmlInput) ((HtmlUnitWebElement) driver.findElement(By.id(id))).getElement()).setValue(value);
        }
        return this;
    }

    /** Clicks and waits for the page the click leads to. */
    ConsoleBrowser click(String id) {
        WebElement button = driver.findElement(By.id(id));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> isGone(button));
        return this;
    }

    /**
     * The element belongs to a page that was left. Chromium says so in one of two ways, depending
     * on how far the new page got: a stale reference, or a node "that does not belong to the document".
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Chooses a file for an upload field, as the file dialog would. */
    ConsoleBrowser upload(String id, Path file) {
        driver.findElement(By.id(id)).sendKeys(file.toAbsolutePath().toString());
        return this;
    }

    /**
     * Clicks a button that answers with a download and returns the file the browser saved, in a
     * directory of its own under {@code target/console-downloads/}. Chromium saves it there itself
     * (told so through its DevTools protocol); HtmlUnit, which saves nothing, shows the answer as
     * the window's page, whose bytes are written there instead.
     */
    Path download(WebElement button) {
        try {
            Path directory = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "console-downloads")), "download-");
            if (chromium) {
                ((ChromeDriver) driver)
                        .executeCdpCommand(
                                "Browser.setDownloadBehavior",
                                Map.of(
                                        "behavior",
                                        "allow",
                                        "downloadPath",
                                        directory.toAbsolutePath().toString()));
                button.click();
                return Wait.until(
                        "the download in " + directory,
                        () -> {
                            try (var files = Files.list(directory)) {
                                List<Path> all = files.toList();
                                // Chromium writes to a .crdownload file and renames it once complete.
                                return all.size() == 1
                                                && !all.get(0)
                                                        .getFileName()
                                                        .toString()
                                                        .endsWith(".crdownload")
                                        ? all.get(0)
                                        : null;
                            }
                        },
                        file -> file != null);
            }
            button.click();
            WebResponse response = ((HtmlUnitDriver) driver)
                    .getWebClient()
                    .getCurrentWindow()
                    .getEnclosedPage()
                    .getWebResponse();
            String disposition = response.getResponseHeaderValue("Content-Disposition");
            String name = disposition == null || !disposition.contains("filename=\"")
                    ? "download"
                    : disposition.replaceAll(".*filename=\"([^\"]+)\".*", "$1");
            Path file = directory.resolve(name);
            try (InputStream in = response.getContentAsStream()) {
                Files.copy(in, file);
            }
            return file;
        } catch (IOException e) {
            throw new AssertionError("download failed: " + e, e);
        }
    }

    Path download(String buttonId) {
        return download(driver.findElement(By.id(buttonId)));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String currentPath() {
        String url = driver.getCurrentUrl();
        return url.substring(url.indexOf('/', "http://".length()));
    }

    String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    /**
     * Nothing the page wrote to the browser's console at warning level or above (script errors, CSP
     * refusals). Chromium's console is read; HtmlUnit runs no script and has no such console, so
     * there it holds by construction.
     */
    void assertNoConsoleErrors(String where) {
        if (!chromium) {
            return;
        }
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertEquals(List.of(), errors, "the browser's console " + where);
    }

    /**
     * Saves the page as {@code target/console-screenshots/<name>.png} on Chromium; HtmlUnit draws
     * nothing, so there no picture is taken (null).
     */
    Path screenshot(String name) {
        if (!chromium) {
            return null;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    target,
                    StandardCopyOption.REPLACE_EXISTING);
            assertTrue(Files.size(target) > 1000, "an empty screenshot: " + target);
            return target;
        } catch (IOException e) {
            throw new AssertionError("screenshot " + name + " not saved: " + e, e);
        }
    }

    /** How far the page reaches past the window's right edge, in CSS pixels (Chromium only). */
    long sidewaysOverflow() {
        return (Long) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    /** Opens a page in a window of the given size and saves its picture. */
    ConsoleBrowser shoot(String name, int width, int height, String path) {
        resize(width, height);
        open(path);
        screenshot(name);
        return this;
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
