package ru.sp500rub.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Every HTTP request: retries of 429, 5xx and I/O faults with exponential back-off from
 * {@code retryDelay} up to {@code retryMaxDelay}, a server's Retry-After honoured up to
 * {@code retryAfterCap}, and the connect and response timeouts; {@code localAddress}, the address this
 * instance connects from ({@code http.local-address}: several instances on one machine are then several
 * clients to a site that limits each address), or the system's choice.
 */
public record HttpSettings(int retries, Duration retryDelay, Duration retryMaxDelay, Duration retryAfterCap,
                           Duration connectTimeout, Duration responseTimeout, Optional<InetAddress> localAddress) {

    static HttpSettings read(SettingsReader r) {
        HttpSettings http = new HttpSettings(
                r.wholeNumber("http.retries", 4, 0, 10),
                r.duration("http.retry-delay", "500ms", Duration.ZERO, Duration.ofMinutes(1)),
                r.duration("http.retry-max-delay", "8s", Duration.ZERO, Duration.ofMinutes(10)),
                r.duration("http.retry-after-cap", "PT30S", Duration.ZERO, Duration.ofHours(1)),
                r.duration("http.connect-timeout", "10s", Duration.ofMillis(100), Duration.ofMinutes(5)),
                r.duration("http.response-timeout", "30s", Duration.ofMillis(100), Duration.ofMinutes(10)),
                r.localAddress("http.local-address"));
        if (http.retryMaxDelay.compareTo(http.retryDelay) < 0) {
            throw r.refuse("http.retry-max-delay", "must be at least http.retry-delay (" + DurationText.format(http.retryDelay) + ")");
        }
        return http;
    }
}
