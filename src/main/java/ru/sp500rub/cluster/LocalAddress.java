package ru.sp500rub.cluster;

import java.net.InetAddress;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * {@code http.local-address} for Apache HttpClient 5: the address this instance's connections leave from,
 * so that several instances on one machine (127.0.0.2, 127.0.0.3..., or several addresses of one network
 * card) are several clients to a site that limits each address. HttpClient takes it from its route
 * planner ({@link DefaultRoutePlanner#determineLocalAddress}); the planner here is HttpClient's default
 * one (no proxy) plus that address. For camel-http (an HttpClientConfigurer) and for a fetch layer that
 * builds its own client alike: {@code LocalAddress.applyTo(builder, settings.http().localAddress())}.
 */
public final class LocalAddress {

    private LocalAddress() {
    }

    /** The builder with a route planner for the address; unchanged when there is none (the system's choice). */
    public static HttpClientBuilder applyTo(HttpClientBuilder builder, Optional<InetAddress> address) {
        return address.map(a -> builder.setRoutePlanner(routePlanner(a))).orElse(builder);
    }

    public static HttpRoutePlanner routePlanner(InetAddress address) {
        return new DefaultRoutePlanner(null) {
            @Override
            protected InetAddress determineLocalAddress(HttpHost firstHop, HttpContext context) {
                return address;
            }
        };
    }
}
