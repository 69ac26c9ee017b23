package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.CompanyResult;
import ru.sp500rub.model.CompanyTask;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.PriceRange;
import ru.sp500rub.parse.SiteOrigin;

class WireFormatTest {

    private static final URI PAGE = URI.create("http://127.0.0.1:8123/stocks/mmm-stock");
    private static final IndexEntry MMM = new IndexEntry("3M", PAGE, Optional.of(new BigDecimal("-11.220")));
    private final WireFormat wire = new WireFormat(SiteOrigin.of(URI.create("http://127.0.0.1:8123/index/components/s&p_500")));

    @Test
    void aTaskRoundTripsWithAndWithoutGrowth() throws Exception {
        CompanyTask withGrowth = new CompanyTask("20261201T101530Z-3f9a", MMM);
        CompanyTask without = new CompanyTask("20261201T101530Z-3f9a", new IndexEntry("", PAGE, Optional.empty()));

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
            CompanyResult result = CompanyResult.delivered(new CompanyTask("run-1", MMM), quote, 1_234_567);

            CompanyResult read = wire.readResult(wire.writeResult(result));

            assertThat(read).isEqualTo(result);
            assertThat(read.quote().orElseThrow().priceUsd().scale()).isEqualTo(quote.priceUsd().scale());
        }
    }

    @Test
    void aFailedResultRoundTrips() throws Exception {
        CompanyResult failed = CompanyResult.failed(new CompanyTask("run-1", MMM), "HTTP 503 Service Unavailable (after 4 retries)");

        assertThat(wire.readResult(wire.writeResult(failed))).isEqualTo(failed);
    }

    /** What the service does not control is bounded on the way out, never a reason to lose the company. */
    @Test
    void aLongReasonOrIndexNameIsCutAndEscapedNotRefused() throws Exception {
        CompanyTask task = new CompanyTask("run-1", new IndexEntry("n\u0000".repeat(300), PAGE, Optional.empty()));
        CompanyResult failed = CompanyResult.failed(task, "bad\nline " + "x".repeat(900));

        CompanyResult read = wire.readResult(wire.writeResult(failed));
        assertThat(read.failure().orElseThrow()).startsWith("bad\\nline xxx").hasSizeLessThanOrEqualTo(500);
        assertThat(wire.readTask(wire.writeTask(task)).listed().name()).isEqualTo("n".repeat(200));
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
            {"v":1,"kind":"task","runId":"r","url":"%PAGE%","name":"line\\nbreak"}                | "name" holds control characters
            {"v":1,"kind":"task","runId":"r","url":"%PAGE%","name":"x"} {"v":1}                   | trailing content after the JSON object
            """)
    void aHostileOrMalformedTaskIsRefusedWithItsReason(String message, String reason) {
        assertThatThrownBy(() -> wire.readTask(message.replace("%PAGE%", PAGE.toString())))
                .isInstanceOf(RejectedMessageException.class).hasMessageStartingWith(reason);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            "parseNanos":5                                                                                      | a result has either "quote" or "failure"
            "failure":"x","quote":{"code":"M","name":"n","priceUsd":"1"},"parseNanos":5                          | a result has either "quote" or "failure"
            "failure":"","parseNanos":5                                                                         | "failure" must be 1-500 characters, has 0
            "failure":"x","parseNanos":-1                                                                       | "parseNanos" must be a whole number 0-600000000000
            "failure":"x","parseNanos":1.5                                                                      | "parseNanos" must be a whole number 0-600000000000
            "failure":"x","parseNanos":99999999999999999999                                                     | "parseNanos" must be a whole number 0-600000000000
            "quote":{"code":"M","name":"n","priceUsd":"0"},"parseNanos":5                                       | quote.priceUsd must be positive
            "quote":{"code":"M","name":"n","priceUsd":"NaN"},"parseNanos":5                                     | "priceUsd" must be a decimal like -12.34, got "NaN"
            "quote":{"code":"M","name":"n","priceUsd":"1","low52w":"2"},"parseNanos":5                          | quote.low52w and quote.high52w come together or not at all
            "quote":{"code":"M","name":"n","priceUsd":"1","rub":"2"},"parseNanos":5                             | unknown field "quote.rub"
            "quote":{"code":"","name":"n","priceUsd":"1"},"parseNanos":5                                        | quote.code is not a ticker: ""
            "quote":{"code":"../x","name":"n","priceUsd":"1"},"parseNanos":5                                    | quote.code is not a ticker: "../x"
            "quote":{"code":"M","name":"\\u0007bell","priceUsd":"1"},"parseNanos":5                           | "name" holds control characters
            "quote":{"a":{"b":{"c":{"d":1}}}},"parseNanos":5                                                    | not JSON: Document nesting depth
            """)
    void aHostileOrMalformedResultIsRefusedWithItsReason(String fields, String reason) {
        String message = "{\"v\":1,\"kind\":\"result\",\"runId\":\"r\",\"url\":\"" + PAGE + "\",\"name\":\"3M\"," + fields + "}";

        assertThatThrownBy(() -> wire.readResult(message)).isInstanceOf(RejectedMessageException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void aReasonQuotesNothingRaw() {
        String message = "{\"v\":1,\"kind\":\"task\",\"runId\":\"r\\n2026 FAKE LOG LINE\",\"url\":\"" + PAGE + "\",\"name\":\"x\"}";

        assertThatThrownBy(() -> wire.readTask(message)).hasMessageNotContaining("\n").hasMessageContaining("r\\n2026 FAKE");
    }

    @Test
    void aSenderCannotWriteWhatTheOtherSideWouldRefuse() {
        CompanyTask offSite = new CompanyTask("run-1", new IndexEntry("x", URI.create("http://169.254.169.254/latest"), Optional.empty()));

        assertThatThrownBy(() -> wire.writeTask(offSite)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url is not a page of http://127.0.0.1:8123");
    }

    @Test
    void theSiteOriginNormalisesDefaultPortsAndCase() {
        SiteOrigin origin = SiteOrigin.of(URI.create("https://Markets.BusinessInsider.com/index/components/s&p_500"));

        assertThat(origin.contains(URI.create("https://markets.businessinsider.com:443/stocks/mmm-stock"))).isTrue();
        assertThat(origin.contains(URI.create("http://markets.businessinsider.com/stocks/mmm-stock"))).isFalse();
        assertThat(origin.contains(URI.create("https://markets.businessinsider.com.evil.example/x"))).isFalse();
    }
}
