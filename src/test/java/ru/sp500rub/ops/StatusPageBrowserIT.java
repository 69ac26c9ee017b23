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
import ru.sp500rub.report.Report;

/**
 * The status page in a real browser: Debian's chromium driven through its chromedriver (nothing
 * downloaded), against a page served on 127.0.0.1. The bars the browser lays out must be the four
 * published reports, row by row, and a screenshot is left in target/status-page.png. Skips only where
 * chromium or chromedriver is not installed (.ci/run installs them).
 */
class StatusPageBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "status-page.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private StatusPageSource source;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        source = new OpsServerWithOneRun(Files.createDirectories(work.resolve("reports"))); // the page's source: this one line
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

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void showsFortyBarsWithTheNamesAndFiguresOfThePublishedReports() throws Exception {
        browser.get(source.page().toString());

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
            assertThat(shown).as(report.fileName()).isEqualTo(published(source.reportsDir().resolve(report.fileName()), report));
        }
        screenshot();
    }

    @Test
    void aNegativeGrowthIsDrawnLeftOfTheZeroLineAndBarsAreToScale() {
        browser.get(source.page().toString());

        List<WebElement> bars = browser.findElements(By.cssSelector("#chart-growth li.bar"));
        Rectangle zero = bars.get(0).findElement(By.cssSelector(".zero")).getRect();
        double pixelsPerUnit = 0;
        for (WebElement bar : bars) {
            Rectangle fill = bar.findElement(By.cssSelector(".fill")).getRect();
            double value = Double.parseDouble(bar.getAttribute("data-value"));
            if (value < 0) {
                assertThat(fill.getX() + fill.getWidth()).isBetween(zero.getX() - 1, zero.getX() + 1);
            } else {
                assertThat(fill.getX()).isBetween(zero.getX() - 1, zero.getX() + 1);
            }
            if (pixelsPerUnit == 0) {
                pixelsPerUnit = fill.getWidth() / Math.abs(value);
            }
            assertThat(fill.getWidth()).isCloseTo((int) Math.round(Math.abs(value) * pixelsPerUnit), org.assertj.core.data.Offset.offset(2));
        }
        // the name that does not fit is cut on screen, not in the page
        WebElement longName = browser.findElement(By.cssSelector("#chart-growth li.bar[data-code=INTC] .name"));
        assertThat(longName.getAttribute("textContent")).isEqualTo("Intel Corporation, a long name that will not fit");
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
