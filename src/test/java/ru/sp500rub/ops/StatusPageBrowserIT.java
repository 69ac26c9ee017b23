package ru.sp500rub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import ru.sp500rub.ServedDemoSite;
import ru.sp500rub.app.Service;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.report.RunStatus;
import ru.sp500rub.route.Endpoints;
import ru.sp500rub.route.Keys;

/**
 * The status page in a real browser: Debian's chromium driven through its chromedriver (nothing
 * downloaded), against the running service's ops server on 127.0.0.1 after two runs against the demo
 * site served here (the first without the dearest share, so the second shows what entered and left).
 * The bars the browser lays out must be the four published reports, row by row, and a screenshot is
 * left in target/status-page.png. Skips only where chromium or chromedriver is not installed (.ci/run
 * installs them).
 */
class StatusPageBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "status-page.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private ServedDemoSite site;
    private Main service;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        site = new ServedDemoSite();
        Properties settings = new Properties();
        settings.putAll(site.settings());
        settings.setProperty("reports.dir", work.resolve("reports").toString());
        settings.setProperty("inbox.dir", work.resolve("inbox").toString());
        settings.setProperty("triggers.enabled", "false");
        settings.setProperty("startup.warm-up", "false");
        settings.setProperty("ops.enabled", "true");
        settings.setProperty("ops.port", "0");
        service = Service.createMain(settings);
        service.start();
        site.remove("NVR");
        assertThat(run().status()).isEqualTo(RunStatus.PARTIAL);
        site.restore("NVR");
        assertThat(run().status()).isEqualTo(RunStatus.COMPLETE);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")), "--window-size=1280,900");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().withSilent(true).build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    private RunOutcome run() throws Exception {
        Exchange done = service.getCamelTemplate().send(Endpoints.SCRAPE, exchange -> exchange.setProperty(Keys.TRIGGER, "test"));
        assertThat(done.getException()).isNull();
        return done.getMessage().getBody(RunOutcome.class);
    }

    private String page() {
        return "http://127.0.0.1:" + service.getCamelContext().hasService(OpsServer.class).getPort() + "/";
    }

    private Path reportsDir() {
        return work.resolve("reports");
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void showsFortyBarsWithTheNamesAndFiguresOfThePublishedReports() throws Exception {
        browser.get(page());

        assertThat(browser.getTitle()).isEqualTo("sp500-rub: S&P 500 in roubles");
        assertThat(browser.findElements(By.cssSelector("li.bar"))).hasSize(40);
        for (Report report : Report.values()) {
            List<String> shown = new ArrayList<>();
            for (WebElement bar : browser.findElements(By.cssSelector("#chart-" + report.slug() + " li.bar"))) {
                WebElement fill = bar.findElement(By.cssSelector(".fill"));
                assertThat(bar.isDisplayed()).isTrue();
                assertThat(fill.getRect().getWidth()).as("bar of %s", bar.getAttribute("data-code")).isPositive();
                shown.add(bar.findElement(By.cssSelector(".code")).getText() + " | " + bar.findElement(By.cssSelector(".name")).getAttribute("title")
                        + " | " + bar.getAttribute("data-value"));
            }
            assertThat(shown).as(report.fileName()).isEqualTo(published(reportsDir().resolve(report.fileName()), report));
        }
        screenshot();
    }

    @Test
    void everyBarStartsAtItsChartsZeroLineAndIsToScaleAndTheChangesAreShown() {
        browser.get(page());

        for (Report report : Report.values()) {
            List<WebElement> bars = browser.findElements(By.cssSelector("#chart-" + report.slug() + " li.bar"));
            double pixelsPerUnit = 0;
            for (WebElement bar : bars) {
                // the zero line is the track's left edge unless a negative figure moves it right
                List<WebElement> zeroLine = bar.findElements(By.cssSelector(".zero"));
                int zero = zeroLine.isEmpty() ? bar.findElement(By.cssSelector(".track")).getRect().getX()
                        : zeroLine.get(0).getRect().getX();
                Rectangle fill = bar.findElement(By.cssSelector(".fill")).getRect();
                double value = Double.parseDouble(bar.getAttribute("data-value"));
                int edge = value < 0 ? fill.getX() + fill.getWidth() : fill.getX();
                assertThat(edge).as("%s %s", report, bar.getAttribute("data-code")).isBetween(zero - 1, zero + 1);
                if (pixelsPerUnit == 0) {
                    pixelsPerUnit = fill.getWidth() / Math.abs(value);
                }
                assertThat(fill.getWidth()).isCloseTo((int) Math.round(Math.abs(value) * pixelsPerUnit), Offset.offset(2));
            }
        }
        // what entered the dearest ten on the second run: the share the first run could not read
        WebElement prices = browser.findElement(By.cssSelector("#changes tr[data-report=price-rub]"));
        assertThat(prices.findElement(By.cssSelector(".entered")).getText()).contains("NVR");
        assertThat(prices.findElement(By.cssSelector(".entered")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#history-duration g.run"))).hasSize(2);
    }

    /** A report file's rows as the page must show them: code | name | value rounded half-up to 2 places. */
    private static List<String> published(Path report, Report kind) throws Exception {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : JSON.readTree(report.toFile())) {
            rows.add(row.get("code").asText() + " | " + row.get("name").asText() + " | "
                    + row.get(kind.valueKey()).decimalValue().setScale(2, RoundingMode.HALF_UP).toPlainString());
        }
        assertThat(rows).hasSize(10);
        return rows;
    }

    private void screenshot() throws Exception {
        // headless chromium draws the window's size less its frame: grow it until the whole page is in view
        for (int attempt = 0; attempt < 3; attempt++) {
            long page = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
            long view = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerHeight");
            if (view >= page) {
                break;
            }
            Dimension window = browser.manage().window().getSize();
            browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(8000, window.getHeight() + page - view)));
        }
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }
}
