/**
 * Many instances (issue 13), the parts without Camel: the embedded ActiveMQ Artemis broker and the
 * connection to a broker, the queue names, the wire format of what crosses the broker (a company task
 * out, its result back). The routes that use them are {@code route.DistributedRoutes}; the leader
 * election and the wiring are in {@code app}; an instance's own client address
 * ({@code http.local-address}) is the fetch layer's.
 */
package ru.sp500rub.cluster;
