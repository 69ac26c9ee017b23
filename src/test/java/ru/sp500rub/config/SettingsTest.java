package ru.sp500rub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path work;

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        Settings settings = Settings.read(sources(Map.of()));

        assertThat(settings.scrape().concurrency()).isEqualTo(32);
        assertThat(settings.scrape().maxFailedRatio()).isEqualByComparingTo("0.2");
        assertThat(settings.schedule().period()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.rate().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.http().retryDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.http().attemptTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.http().maxPageBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(settings.http().userAgent()).startsWith("sp500-rub/");
        assertThat(settings.site().indexUrl().getHost()).isEqualTo("markets.businessinsider.com");
    }

    @Test
    void everyRejectedValueIsNamedWithWhatIsAcceptedAndWhereItWasWritten() {
        assertRefused("scrape.concurrency", "abc",
                "sp500-rub: scrape.concurrency must be a whole number from 1 to 256, got \"abc\" (./application.properties)");
        assertRefused("scrape.concurrency", "0", "scrape.concurrency must be a whole number from 1 to 256, got \"0\"");
        assertRefused("http.retries", "-1", "http.retries must be a whole number from 0 to 10, got \"-1\"");
        assertRefused("http.response-timeout", "abc", "http.response-timeout must be a duration from 100ms to 10m");
        assertRefused("http.retry-delay", "abc", "http.retry-delay must be a duration from 0s to 1m");
        assertRefused("scrape.period", "0", "scrape.period must be a duration from 1s to 30d");
        assertRefused("scrape.period", "abc", "got \"abc\"");
        assertRefused("scrape.period", "-5s", "got \"-5s\"");
        assertRefused("scrape.max-failed-ratio", "-1", "scrape.max-failed-ratio must be a number from 0 to 1, got \"-1\"");
        assertRefused("triggers.enabled", "yes", "triggers.enabled must be true or false, got \"yes\"");
        assertRefused("sp500.index-url", "ftp://x/y", "sp500.index-url must be an absolute http:// or https:// URL");
        assertRefused("reports.dir", "", "reports.dir must be a folder path (not empty, no control characters), got \"\"");
        assertRefused("cbr.max-age", "P400D", "cbr.max-age must be a duration from 0s to 365d");
    }

    @Test
    void aValueFromOutsideReachesTheMessageEscapedAndBounded() {
        assertRefused("scrape.concurrency", "1\n[fake] all good\u001b[0m", "got \"1\\u000a[fake] all good\\u001b[0m\"");
        assertThatThrownBy(() -> Settings.read(file(Map.of("scrape.concurrency", "9".repeat(500)))))
                .hasMessageEndingWith("...\" (./application.properties)");
    }

    @Test
    void isoAndShortDurationsAreAcceptedByEveryDurationKey() {
        Settings settings = Settings.read(file(Map.of("cbr.max-age", "P1M", "scrape.period", "PT30S",
                "http.retry-delay", "2s", "http.retry-max-delay", "1m", "cbr.await-timeout", "90s",
                "http.connect-timeout", "PT2S")));

        assertThat(settings.rate().maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.schedule().period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.http().retryDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.http().retryMaxDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.rate().awaitTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.http().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aMaxAgeOfAnHourStaysAnHour() {
        assertThat(Settings.read(file(Map.of("cbr.max-age", "PT1H"))).rate().maxAge()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aFileNamingOneKeyOverridesOnlyThatKey() {
        Map<String, String> packaged = new HashMap<>(Settings.keysWithDefaults());
        packaged.put("scrape.concurrency", "32");
        SettingsSources sources = SettingsSources.of(packaged, Map.of("scrape.concurrency", "8"), name -> null,
                Map.of(), Map.of(), Map.of());

        Settings settings = Settings.read(sources);

        assertThat(settings.scrape().concurrency()).isEqualTo(8);
        assertThat(settings.schedule().period()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.http().retries()).isEqualTo(4);
    }

    @Test
    void strongerSourcesWinInTheDocumentedOrder() {
        Map<String, String> env = Map.of("SCRAPE_CONCURRENCY", "10", "HTTP_RETRIES", "2");
        SettingsSources sources = SettingsSources.of(Map.of("scrape.concurrency", "32"), Map.of("scrape.concurrency", "8",
                "scrape.parse-threads", "3"), env::get, Map.of("scrape.concurrency", "12"), Map.of(), Map.of());

        Settings settings = Settings.read(sources);

        assertThat(settings.scrape().concurrency()).isEqualTo(12); // JVM -D over the environment
        assertThat(settings.http().retries()).isEqualTo(2);        // environment over the files
        assertThat(settings.scrape().parseThreads()).isEqualTo(3); // the working directory's file
    }

    @Test
    void theEnvironmentIsNamedWhenItsValueIsRefused() {
        SettingsSources sources = SettingsSources.of(Map.of(), Map.of(), Map.of("SCRAPE_CONCURRENCY", "many")::get,
                Map.of(), Map.of(), Map.of());

        assertThatThrownBy(() -> Settings.read(sources))
                .hasMessage("sp500-rub: scrape.concurrency must be a whole number from 1 to 256, got \"many\""
                        + " (environment variable SCRAPE_CONCURRENCY)");
    }

    @Test
    void commandLineValuesAreNamedAsSuch() {
        SettingsSources sources = SettingsSources.of(Map.of(), Map.of(), name -> null, Map.of(),
                Map.of("http.retries", "lots"), Map.of());

        assertThatThrownBy(() -> Settings.read(sources)).hasMessageEndingWith("(-D on the command line)");
    }

    @Test
    void anUnknownKeyInTheServicesNamespacesIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Settings.read(file(Map.of("scrape.concurency", "8"))))
                .hasMessageStartingWith("sp500-rub: unknown setting \"scrape.concurency\" (./application.properties);")
                .hasMessageContaining("scrape.concurrency");
        // other namespaces are not ours to judge
        Settings.read(file(Map.of("camel.main.name", "x", "logback.configurationFile", "y", "java.io.tmpdir", "/tmp")));
    }

    @Test
    void pagesThatCouldNotFitInTheHeapStopTheStart() {
        Settings huge = Settings.read(file(Map.of("http.max-page-size", Integer.toString(32 * 1024 * 1024))));
        Settings defaults = Settings.read(file(Map.of()));

        assertThatThrownBy(() -> huge.refuseIfPagesCannotFit(256L * 1024 * 1024))
                .hasMessage("sp500-rub: http.max-page-size (32768 KB) x scrape.concurrency (32) x 3 (pages fetched, hedged and"
                        + " waiting to be parsed) is 3072 MB, more than the JVM's heap (256 MB): lower one of them, or give"
                        + " the JVM more (-Xmx)");
        defaults.refuseIfPagesCannotFit(256L * 1024 * 1024); // 2 MB x 32 x 3 = 192 MB
    }

    @Test
    void aRetiredKeyIsAcceptedAndNamedAsNoLongerUsed() {
        SettingsSources sources = file(Map.of("http.retry-after-cap", "PT30S"));

        Settings.read(sources);

        assertThat(Settings.retiredKeysIn(sources)).singleElement().asString()
                .startsWith("http.retry-after-cap (./application.properties) is no longer used: ");
    }

    @Test
    void theInboxMustBeOutsideTheReportsFolderAndTheReverse() {
        assertThatThrownBy(() -> Settings.read(file(Map.of("reports.dir", "out", "inbox.dir", "out"))))
                .hasMessageStartingWith("sp500-rub: inbox.dir must be a folder outside reports.dir");
        assertThatThrownBy(() -> Settings.read(file(Map.of("reports.dir", "out", "inbox.dir", "out/inbox"))))
                .hasMessageStartingWith("sp500-rub: inbox.dir must be a folder outside reports.dir");
        assertThatThrownBy(() -> Settings.read(file(Map.of("reports.dir", "in/reports", "inbox.dir", "in"))))
                .hasMessageStartingWith("sp500-rub: reports.dir must be a folder outside inbox.dir");
        Settings.read(file(Map.of("reports.dir", "out/reports", "inbox.dir", "out/inbox")));
    }

    @Test
    void aFolderPathThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(work.resolve("reports"), "not a folder");

        assertThatThrownBy(() -> Settings.read(file(Map.of("reports.dir", file.toString()))))
                .hasMessageStartingWith("sp500-rub: reports.dir must be a folder, and this path is a file");
    }

    @Test
    void theRetryDelaysMustBeInOrder() {
        assertThatThrownBy(() -> Settings.read(file(Map.of("http.retry-delay", "10s", "http.retry-max-delay", "5s"))))
                .hasMessageStartingWith("sp500-rub: http.retry-max-delay must be at least http.retry-delay (10s), got \"5s\"");
    }

    @Test
    void aDecimalRatioIsExact() {
        assertThat(Settings.read(file(Map.of("scrape.max-failed-ratio", "0.05"))).scrape().maxFailedRatio())
                .isEqualTo(new BigDecimal("0.05"));
    }

    @Test
    void manyInstancesAreOffByDefault() {
        Settings settings = Settings.read(sources(Map.of()));

        assertThat(settings.cluster().distributed()).isFalse();
        assertThat(settings.cluster().elects()).isFalse();
        assertThat(settings.cluster().instanceId()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}").endsWith("-" + ProcessHandle.current().pid());
        assertThat(settings.cluster().takeoverBound()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.broker().embedded()).isFalse();
        assertThat(settings.broker().connectUrl().toString()).isEqualTo("tcp://127.0.0.1:61616");
        assertThat(settings.broker().maxDeliveryAttempts()).isEqualTo(3);
        assertThat(settings.http().localAddress()).isEmpty();
    }

    @Test
    void aDistributedInstanceOnABrokerElsewhere() {
        Settings settings = Settings.read(file(Map.of("scrape.mode", "distributed", "broker.url", "tcp://10.0.0.5:61617",
                "cluster.dir", work.resolve("cluster").toString(), "cluster.instance-id", "worker-2",
                "http.local-address", "127.0.0.3")));

        assertThat(settings.cluster().distributed()).isTrue();
        assertThat(settings.cluster().dir()).contains(work.resolve("cluster"));
        assertThat(settings.cluster().instanceId()).isEqualTo("worker-2");
        assertThat(settings.broker().connectUrl().toString()).isEqualTo("tcp://10.0.0.5:61617");
        assertThat(settings.http().localAddress()).hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("127.0.0.3"));
    }

    @Test
    void everyRefusedClusterOrBrokerValueIsNamed() {
        assertRefused("scrape.mode", "remote", "scrape.mode must be one of distributed, local, got \"remote\"");
        assertRefused("cluster.heartbeat", "100ms", "cluster.heartbeat must be a duration from 200ms to 10s");
        assertRefused("cluster.heartbeat-multiplier", "1", "cluster.heartbeat-multiplier must be a whole number from 2 to 10");
        assertRefused("cluster.instance-id", "../etc", "cluster.instance-id must be 1 to 40 letters, digits, '.', '_' or '-'");
        assertRefused("cluster.dir", "a\u0000b", "cluster.dir must be empty, or a folder path");
        assertRefused("broker.port", "0", "broker.port must be a whole number from 1 to 65535, got \"0\"");
        assertRefused("broker.host", "localhost", "broker.host must be a literal IP address such as 127.0.0.1, got \"localhost\"");
        assertRefused("broker.url", "http://127.0.0.1:61616", "broker.url must be tcp://HOST:PORT (no user, path or options)");
        assertRefused("broker.url", "tcp://127.0.0.1:61616?trustAll=true", "broker.url must be tcp://HOST:PORT");
        assertRefused("broker.max-delivery-attempts", "0", "broker.max-delivery-attempts must be a whole number from 1 to 100");
        assertRefused("broker.user", "a b", "broker.user must be 1 to 64 letters, digits, '.', '_' or '-'");
        assertRefused("http.local-address", "markets.businessinsider.com",
                "http.local-address must be empty, or a literal IP address of this machine such as 127.0.0.2, got \"markets.businessinsider.com\"");
        assertRefused("http.local-address", "192.0.2.77", "http.local-address must be empty, or a literal IP address of this machine"); // TEST-NET-1
    }

    @Test
    void theBrokerSettingsMustFitTogether() {
        assertThatThrownBy(() -> Settings.read(file(Map.of("scrape.mode", "distributed"))))
                .hasMessage("sp500-rub: scrape.mode distributed needs a broker: set broker.url (tcp://HOST:PORT) or"
                        + " broker.embedded=true, got \"distributed\" (./application.properties)");
        assertThatThrownBy(() -> Settings.read(file(Map.of("broker.embedded", "true", "broker.url", "tcp://127.0.0.1:1"))))
                .hasMessageStartingWith("sp500-rub: broker.url must be empty with broker.embedded=true");
        assertThatThrownBy(() -> Settings.read(file(Map.of("broker.embedded", "true", "broker.host", "0.0.0.0"))))
                .hasMessageStartingWith("sp500-rub: broker.host must be a loopback address while broker.password is empty");
        assertThat(Settings.read(file(Map.of("broker.embedded", "true", "broker.host", "0.0.0.0", "broker.password", "s3cret")))
                .broker().embedded()).isTrue();
        assertThatThrownBy(() -> Settings.read(file(Map.of("broker.embedded", "true", "broker.data-dir", "inbox/journal"))))
                .hasMessageStartingWith("sp500-rub: broker.data-dir must be a folder outside inbox.dir");
        assertThatThrownBy(() -> Settings.read(file(Map.of("cluster.dir", "inbox/leader"))))
                .hasMessageStartingWith("sp500-rub: cluster.dir must be a folder outside inbox.dir");
    }

    @Test
    void aRefusedPasswordIsNeverShown() {
        assertThatThrownBy(() -> Settings.read(file(Map.of("broker.password", "s3cret\nwith a line break"))))
                .hasMessage("sp500-rub: broker.password must be text of at most 200 characters without control characters"
                        + " (the value is not shown) (./application.properties)")
                .hasMessageNotContaining("s3cret");
        assertThat(Settings.read(file(Map.of("broker.password", "s3cret"))).broker().toString()).doesNotContain("s3cret");
    }

    @Test
    void theOpsServerListensOnThisMachineOnlyByDefaultAndIsReadyForTwiceTheScrapePeriod() {
        Settings settings = Settings.read(file(Map.of()));

        assertThat(settings.ops().host()).isEqualTo("127.0.0.1");
        assertThat(settings.ops().port()).isEqualTo(9876);
        assertThat(settings.ops().readyMaxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.history().keep()).isEqualTo(168);
        assertThat(Settings.read(file(Map.of("scrape.period", "30m"))).ops().readyMaxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(Settings.read(file(Map.of("scrape.period", "30m", "ops.ready-max-age", "90m"))).ops().readyMaxAge())
                .isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void theOpsServerRunsInTheStandingServiceAndInOnceOnlyWhenOpsEnabledIsSetToTrue() {
        OpsSettings byDefault = Settings.read(file(Map.of())).ops();
        assertThat(byDefault.serverRuns(false)).isTrue();
        assertThat(byDefault.serverRuns(true)).isFalse();
        // a copy of the packaged file in the working directory changes nothing
        assertThat(Settings.read(file(Settings.keysWithDefaults())).ops().serverRuns(true)).isFalse();

        for (SettingsSources on : List.of(file(Map.of("ops.enabled", "true")),
                SettingsSources.of(Settings.keysWithDefaults(), Map.of(), Map.of("OPS_ENABLED", "true")::get, Map.of(), Map.of(), Map.of()),
                SettingsSources.of(Settings.keysWithDefaults(), Map.of(), name -> null, Map.of(), Map.of("ops.enabled", "true"), Map.of()))) {
            assertThat(Settings.read(on).ops().serverRuns(true)).isTrue();
            assertThat(Settings.read(on).ops().serverRuns(false)).isTrue();
        }
        OpsSettings off = Settings.read(file(Map.of("ops.enabled", "false"))).ops();
        assertThat(off.serverRuns(false)).isFalse();
        assertThat(off.serverRuns(true)).isFalse();
    }

    @Test
    void aBadOpsOrHistorySettingIsRefusedWithItsKey() {
        assertRefused("ops.port", "65536", "ops.port must be a whole number from 0 to 65535, got \"65536\"");
        assertRefused("ops.enabled", "yes", "ops.enabled must be one of auto, false, true, got \"yes\"");
        assertRefused("ops.host", "127.0.0.1; rm -rf /", "ops.host must be a host name or IP address to listen on (such as"
                + " 127.0.0.1), got \"127.0.0.1; rm -rf /\"");
        assertRefused("ops.host", "", "ops.host must be a host name or IP address");
        assertRefused("ops.ready-max-age", "soon", "ops.ready-max-age must be a duration from 0s to 365d");
        assertRefused("ops.ready-max-age", "500ms", "ops.ready-max-age must be 0s (twice scrape.period) or from 1s to 365d, got \"500ms\"");
        assertRefused("history.keep", "0", "history.keep must be a whole number from 1 to 100000, got \"0\"");
        assertRefused("ops.prot", "1", "unknown setting \"ops.prot\"");
    }

    private static void assertRefused(String key, String value, String message) {
        assertThatThrownBy(() -> Settings.read(file(Map.of(key, value))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(message);
    }

    private static SettingsSources file(Map<String, String> workingDirectoryFile) {
        return SettingsSources.of(Settings.keysWithDefaults(), workingDirectoryFile, name -> null, Map.of(), Map.of(), Map.of());
    }

    private static SettingsSources sources(Map<String, String> packaged) {
        return SettingsSources.of(packaged, Map.of(), name -> null, Map.of(), Map.of(), Map.of());
    }
}
