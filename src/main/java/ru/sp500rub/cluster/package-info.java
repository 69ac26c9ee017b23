/**
 * Many instances (issue 13): one leader elected over a shared folder, company work shared over ActiveMQ
 * Artemis. Building blocks, to be wired into the reshaped routes as follows.
 *
 * <ul>
 *   <li>{@link ru.sp500rub.cluster.LeaderElection} (a CamelConfiguration, before the routes): binds
 *       {@value ru.sp500rub.cluster.LeaderElection#TRIGGER_POLICY}; {@code trigger-timer} and
 *       {@code trigger-inbox} say {@code .routePolicyRef("leaderOnly")}, nothing else does. No election
 *       without {@code cluster.dir} or with {@code triggers.enabled=false} (--once).</li>
 *   <li>{@link ru.sp500rub.cluster.EmbeddedBroker} is a Camel service ({@code broker.embedded=true}:
 *       {@code context.addService} before the routes start); {@link ru.sp500rub.cluster.BrokerClient}
 *       makes the {@code jms} component for every instance in {@code scrape.mode=distributed}.</li>
 *   <li>{@link ru.sp500rub.cluster.ClusterRoutes}: in distributed mode the company split sends each task
 *       to {@code direct:cluster-dispatch} instead of {@code direct:company}; the worker route calls the
 *       same stateless {@code direct:company}; the results route is where {@code runs.get(runId).accept}
 *       happens (today {@link ru.sp500rub.cluster.RunLedgers#accept}); the run waits for its ledger until
 *       {@code scrape.run-timeout}.</li>
 *   <li>{@link ru.sp500rub.cluster.ClusterTask} / {@link ru.sp500rub.cluster.ClusterResult} stand for the
 *       model's {@code CompanyTask} / {@code CompanyResult}; {@link ru.sp500rub.cluster.WireFormat} is the
 *       only way they cross the broker.</li>
 *   <li>{@link ru.sp500rub.cluster.LocalAddress}: {@code http.local-address} for camel-http and for the
 *       fetch layer's own HttpClient.</li>
 * </ul>
 */
package ru.sp500rub.cluster;
