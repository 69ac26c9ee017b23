/**
 * What an operator sees of the running service: the board (last run, last good run, recent runs) that
 * feeds the readiness check and the status page, the metrics, the health checks on camel-health, and the
 * ops HTTP server with its routes.
 *
 * <p>Wiring. At start-up: a {@link ru.sp500rub.ops.OpsBoard} loaded from the history and an
 * {@link ru.sp500rub.ops.OpsMetrics}, both bound by name ({@link ru.sp500rub.ops.OpsRoutes#BOARD},
 * {@link ru.sp500rub.ops.OpsRoutes#METRICS}); {@link ru.sp500rub.ops.OpsHealth#install} with the
 * board as the readiness view; when the server runs, {@link ru.sp500rub.ops.OpsServer#install} and the
 * {@link ru.sp500rub.ops.OpsRoutes}. At the run's end ({@code direct:run-ended}):
 * {@link ru.sp500rub.ops.RunEndRecorder#runEnded} with the run as a {@link ru.sp500rub.report.RunRecord}
 * and its four lists. The fetch layer reports each request to the metrics as a
 * {@link ru.sp500rub.ops.FetchListener}.
 */
package ru.sp500rub.ops;
