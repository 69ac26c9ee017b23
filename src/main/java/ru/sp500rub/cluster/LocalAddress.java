package ru.sp500rub.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * {@code http.local-address}: the address this instance's HTTP connections leave from, so that several
 * instances on one machine (127.0.0.2, 127.0.0.3... or several addresses of one network card) are
 * several clients to a site that limits each address. Apache HttpClient 5 takes it from its route
 * planner ({@link DefaultRoutePlanner#determineLocalAddress}); camel-http takes the planner through an
 * {@link HttpClientConfigurer}, a fetch layer with its own client through {@link #applyTo}.
 *
 * <p>The planner replaces HttpClient's default one, which is the same minus the local address: no proxy
 * is used either way.
 */
public final class LocalAddress implements HttpClientConfigurer {

    private final InetAddress address;

    private LocalAddress(InetAddress address) {
        this.address = address;
    }

    /**
     * The setting's value: empty = the system's choice. A literal IP only (a name would be looked up), and
     * one this machine can bind, checked now so that a wrong value stops the start with the key's name.
     */
    public static Optional<LocalAddress> of(String value) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!text.matches("[0-9.]{7,15}|[0-9A-Fa-f:]{2,39}")) {
            throw invalid(text, "a literal IP address of this machine");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(text);
        } catch (IOException e) {
            throw invalid(text, "a literal IP address of this machine");
        }
        try (Socket probe = new Socket()) {
            probe.bind(new InetSocketAddress(address, 0));
        } catch (IOException e) {
            throw invalid(text, "an address this machine can connect from (" + LogText.of(e.getMessage(), 80) + ")");
        }
        return Optional.of(new LocalAddress(address));
    }

    public InetAddress address() {
        return address;
    }

    /** camel-http: bind as a bean and set it on the component ({@code camel.component.http.http-client-configurer}). */
    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        applyTo(builder);
    }

    public HttpClientBuilder applyTo(HttpClientBuilder builder) {
        return builder.setRoutePlanner(new DefaultRoutePlanner(null) {
            @Override
            protected InetAddress determineLocalAddress(HttpHost firstHop, HttpContext context) {
                return address;
            }
        });
    }

    private static IllegalArgumentException invalid(String value, String rule) {
        return new IllegalArgumentException("sp500-rub: http.local-address must be " + rule + ", got \""
                + LogText.of(value, 60) + "\"");
    }
}
