/**
 * What an operator sees of the running service: the board (last run, last good run and what it changed,
 * recent runs; loaded from the history) behind the readiness check and the status page, the Prometheus
 * metrics, the health checks on camel-health, and the ops HTTP server (camel-platform-http-vertx). The
 * board and the metrics are plain Java, fed at the run's end ({@code direct:run-ended}) by name; the
 * checks and the server are Camel's extension points. The fetch layer reports each request to the
 * metrics through {@link ru.sp500rub.fetch.FetchListener}.
 */
package ru.sp500rub.ops;
