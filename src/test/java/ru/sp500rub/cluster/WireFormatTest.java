package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.PriceRange;

class WireFormatTest {

    private static final URI PAGE = URI.create("http://127.0.0.1:8123/stocks/mmm-stock");
    private final WireFormat wire = new WireFormat(SiteOrigin.of(URI.create("http://127.0.0.1:8123/index/components/s&p_500")));

    @Test
    void aTaskRoundTripsWithAndWithoutGrowth() throws Exception {
        ClusterTask withGrowth = new ClusterTask("run-1", new IndexEntry("3M", PAGE, Optional.of(new BigDecimal("-11.220"))));
        ClusterTask without = new ClusterTask("run-1", new IndexEntry("", PAGE, Optional.empty()));

        assertThat(wire.readTask(wire.writeTask(withGrowth))).isEqualTo(withGrowth);
        assertThat(wire.readTask(wire.writeTask(without))).isEqualTo(without);
        assertThat(wire.writeTask(withGrowth)).contains("\"growth\":\"-11.220\"").contains("\"v\":1");
    }

    @Test
    void aDeliveredResultRoundTripsKeepingEveryDecimalExactly() throws Exception {
        CompanyQuote full = new CompanyQuote("BRK.B", "Berkshire Hathaway", new BigDecimal("438638.3700"),
                Optional.of(new BigDecimal("-3.14159")), Optional.of(new PriceRange(new BigDecimal("0.01"), new BigDecimal("500000"))));
        CompanyQuote bare = new CompanyQuote("MMM", "3M", new BigDecimal("177.92"), Optional.empty(), Optional.empty());
        for (CompanyQuote quote : new CompanyQuote[] {full, bare}) {
            ClusterResult result = ClusterResult.delivered("run-1", PAGE, quote, new ResultFigures(2, Duration.ofNanos(1_234_000)));

            ClusterResult read = wire.readResult(wire.writeResult(result));

            assertThat(read).isEqualTo(result);
            assertThat(read.quote().orElseThrow().priceUsd().scale()).isEqualTo(quote.priceUsd().scale());
        }
    }

    @Test
    void aFailedResultRoundTrips() throws Exception {
        ClusterResult failed = ClusterResult.failed("run-1", PAGE, "HTTP 503 after 5 attempts", new ResultFigures(5, Duration.ZERO));

        assertThat(wire.readResult(wire.writeResult(failed))).isEqualTo(failed);
    }

    @Test
    void aMessageTooLargeIsRefusedBeforeItIsParsed() {
        String huge = "{\"v\":1,\"kind\":\"task\",\"runId\":\"r\",\"url\":\"" + PAGE + "\",\"name\":\"" + "x".repeat(10_000) + "\"}";

        assertThatThrownBy(() -> wire.readTask(huge)).isInstanceOf(RejectedMessageException.class)
                .hasMessage("message of " + huge.length() + " characters, over the limit of 4096");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json at all                                                                       | not JSON:
            []                                                                                    | not a JSON object
            {"kind":"task","runId":"r","url":"%PAGE%","name":"x"}                                 | no wire version "v"
            {"v":2,"kind":"task","runId":"r","url":"%PAGE%","name":"x"}                           | wire version 2, this instance reads 1
            {"v":1,"kind":"result","runId":"r","url":"%PAGE%","name":"x"}                         | not a task ("kind" is "result")
            {"v":1,"kind":"task","runId":"r","url":"%PAGE%","name":"x","path":"/etc/passwd"}      | unknown field "path"
            {"v":1,"kind":"task","runId":"r","url":"%PAGE%","name":"x","name":"y"}                | not JSON: Duplicate field 'name'
            {"v":1,"kind":"task","runId":"r","url":"%PAGE%"}                                      | missing "name"
            {"v":1,"kind":"task","runId":"../../etc","url":"%PAGE%","name":"x"}                   | runId must be 1-64 letters, digits or ._:- , got "../../etc"
            {"v":1,"kind":"task","runId":"r","url":"file:///etc/passwd","name":"x"}               | url is not a page of http://127.0.0.1:8123: "file:///etc/passwd"
            {"v":1,"kind":"task","runId":"r","url":"http://169.254.169.254/latest","name":"x"}    | url is not a page of http://127.0.0.1:8123: "http://169.254.169.254/latest"
            {"v":1,"kind":"task","runId":"r","url":"http://u:p@127.0.0.1:8123/x","name":"x"}      | url is not a page of http://127.0.0.1:8123: "http://u:p@127.0.0.1:8123/x"
            {"v":1,"kind":"task","runId":"r","url":"http://127.0.0.1:8123/a b","name":"x"}        | url is not a URI: "http://127.0.0.1:8123/a b"
            {"v":1,"kind":"task","runId":"r","url":"%PAGE%","name":"x","growth":"1e400"}          | "growth" must be a decimal like -12.34, got "1e400"
            {"v":1,"kind":"task","runId":"r","url":"%PAGE%","name":"x","growth":12.5}             | "growth" must be a string
            {"v":1,"kind":"task","runId":"r","url":"%PAGE%","name":"line\\nbreak"}                | "name" holds control or format characters
            {"v":1,"kind":"task","runId":"r","url":"%PAGE%","name":"x"} {"v":1}                   | trailing content after the JSON object
            """)
    void aHostileOrMalformedTaskIsRefusedWithItsReason(String message, String reason) {
        assertThatThrownBy(() -> wire.readTask(message.replace("%PAGE%", PAGE.toString())))
                .isInstanceOf(RejectedMessageException.class).hasMessageStartingWith(reason);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            "attempts":1,"parseMicros":5                                                                              | a result has either "quote" or "failure"
            "failure":"x","quote":{"code":"M","name":"n","priceUsd":"1"},"attempts":1,"parseMicros":5                  | a result has either "quote" or "failure"
            "failure":"","attempts":1,"parseMicros":5                                                                 | "failure" must be 1-500 characters, has 0
            "failure":"x","attempts":-1,"parseMicros":5                                                               | "attempts" must be a whole number 0-1000
            "failure":"x","attempts":1.5,"parseMicros":5                                                              | "attempts" must be a whole number 0-1000
            "failure":"x","attempts":1,"parseMicros":99999999999999999999                                             | "parseMicros" must be a whole number 0-600000000
            "quote":{"code":"M","name":"n","priceUsd":"0"},"attempts":1,"parseMicros":5                               | quote.priceUsd must be positive
            "quote":{"code":"M","name":"n","priceUsd":"NaN"},"attempts":1,"parseMicros":5                             | "priceUsd" must be a decimal like -12.34, got "NaN"
            "quote":{"code":"M","name":"n","priceUsd":"1","low52w":"2"},"attempts":1,"parseMicros":5                  | quote.low52w and quote.high52w come together or not at all
            "quote":{"code":"M","name":"n","priceUsd":"1","low52w":"3","high52w":"2"},"attempts":1,"parseMicros":5    | quote.low52w must be >= 0 and <= quote.high52w
            "quote":{"code":"M","name":"n","priceUsd":"1","rub":"2"},"attempts":1,"parseMicros":5                     | unknown field "quote.rub"
            "quote":{"code":"","name":"n","priceUsd":"1"},"attempts":1,"parseMicros":5                                | "code" must be 1-20 characters, has 0
            "quote":{"code":"M","name":"\\u202Eevil","priceUsd":"1"},"attempts":1,"parseMicros":5                     | "name" holds control or format characters
            "quote":{"a":{"b":{"c":{"d":1}}}},"attempts":1,"parseMicros":5                                            | not JSON: Document nesting depth
            """)
    void aHostileOrMalformedResultIsRefusedWithItsReason(String fields, String reason) {
        String message = "{\"v\":1,\"kind\":\"result\",\"runId\":\"r\",\"url\":\"" + PAGE + "\"," + fields + "}";

        assertThatThrownBy(() -> wire.readResult(message)).isInstanceOf(RejectedMessageException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void aReasonQuotesNothingRaw() {
        String message = "{\"v\":1,\"kind\":\"task\",\"runId\":\"r\\n2026 FAKE LOG LINE\",\"url\":\"" + PAGE + "\",\"name\":\"x\"}";

        assertThatThrownBy(() -> wire.readTask(message)).hasMessageNotContaining("\n").hasMessageContaining("r?2026 FAKE");
    }

    @Test
    void aWorkerCannotSendWhatTheLeaderWouldRefuse() {
        ClusterResult tooLong = ClusterResult.failed("run-1", PAGE, "x".repeat(600), ResultFigures.none());

        assertThatThrownBy(() -> wire.writeResult(tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"failure\" must be 1-500 characters");
    }

    @Test
    void theSiteOriginNormalisesDefaultPortsAndCase() {
        SiteOrigin origin = SiteOrigin.of(URI.create("https://Markets.BusinessInsider.com/index/components/s&p_500"));

        assertThat(origin.contains(URI.create("https://markets.businessinsider.com:443/stocks/mmm-stock"))).isTrue();
        assertThat(origin.contains(URI.create("http://markets.businessinsider.com/stocks/mmm-stock"))).isFalse();
        assertThat(origin.contains(URI.create("https://markets.businessinsider.com.evil.example/x"))).isFalse();
    }
}
