package ru.sp500rub.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How the service asks a site. Every request says who is asking ({@code userAgent}); one attempt may
 * take {@code attemptTimeout} in all (connecting, the headers and the whole body), after connecting
 * within {@code connectTimeout}; a page larger than {@code maxPageBytes} is a failure, read no further;
 * at most {@code maxRedirects} redirects are followed. A fault (5xx, reset, timeout, empty answer) is
 * retried up to {@code retries} times, after a back-off from {@code retryDelay} doubling (with jitter) up
 * to {@code retryMaxDelay}; waits the site asks for (429, Retry-After) are not retries. Requests leave
 * from {@code localAddress} ({@code http.local-address}: several instances on one machine are then several
 * clients to a site that limits each address), or from the system's choice.
 */
public record HttpSettings(String userAgent, Duration connectTimeout, Duration attemptTimeout, int maxPageBytes,
                           int maxRedirects, int retries, Duration retryDelay, Duration retryMaxDelay,
                           Optional<InetAddress> localAddress) {

    /** Names the service, its version and where it comes from, so a site's operator can tell who asks. */
    public static final String DEFAULT_USER_AGENT =
            "sp500-rub/1.0 (S&P 500 top-10 reports in roubles; +https://github.com/sp500-rub/sp500-rub)";

    static HttpSettings read(SettingsReader r) {
        HttpSettings http = new HttpSettings(
                r.printableAscii("http.user-agent", DEFAULT_USER_AGENT, 200),
                r.duration("http.connect-timeout", "10s", Duration.ofMillis(100), Duration.ofMinutes(5)),
                r.duration("http.response-timeout", "30s", Duration.ofMillis(100), Duration.ofMinutes(10)),
                r.wholeNumber("http.max-page-size", 2 * 1024 * 1024, 64 * 1024, 256 * 1024 * 1024),
                r.wholeNumber("http.max-redirects", 5, 0, 20),
                r.wholeNumber("http.retries", 4, 0, 10),
                r.duration("http.retry-delay", "250ms", Duration.ZERO, Duration.ofMinutes(1)),
                r.duration("http.retry-max-delay", "8s", Duration.ZERO, Duration.ofMinutes(10)),
                r.localAddress("http.local-address"));
        if (http.retryMaxDelay.compareTo(http.retryDelay) < 0) {
            throw r.refuse("http.retry-max-delay", "must be at least http.retry-delay (" + DurationText.format(http.retryDelay) + ")");
        }
        return http;
    }
}
