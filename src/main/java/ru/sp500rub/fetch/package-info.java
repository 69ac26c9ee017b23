/**
 * The fetch layer: how the service asks a site for pages, in plain Java (no Camel).
 *
 * <ul>
 *   <li>{@link ru.sp500rub.fetch.SiteClient}: one attempt, bounded (connect timeout, one deadline over
 *       the whole attempt, a cap on the decoded body, checked redirects), abortable, with typed
 *       failures ({@link ru.sp500rub.fetch.FetchException}: retryable, throttled, deterministic).</li>
 *   <li>Policies, pure and unit-tested: {@link ru.sp500rub.fetch.AdaptiveLimit} (what the site bears,
 *       learned), {@link ru.sp500rub.fetch.LatencyTracker}, {@link ru.sp500rub.fetch.HedgePolicy},
 *       {@link ru.sp500rub.fetch.RetryBudget}, {@link ru.sp500rub.fetch.RunBreaker},
 *       {@link ru.sp500rub.fetch.RetryAfter}, {@link ru.sp500rub.fetch.Backoff}.</li>
 *   <li>{@link ru.sp500rub.fetch.SiteFetcher}: one page for one run, as the policies say; the site's
 *       state (limit, latencies) is shared by runs, the run's ({@link ru.sp500rub.fetch.FetchRun}:
 *       budget, breaker, deadline, figures) is its own.</li>
 * </ul>
 *
 * <p>What a caller gets: the page ({@link ru.sp500rub.fetch.Response}), or
 * {@link ru.sp500rub.fetch.PageFailedException} (this page is lost, with its reason: the run goes on), or
 * {@link ru.sp500rub.fetch.RunStoppedException} (the whole run must fail with that reason). Retries,
 * hedges and throttle waits all happen inside {@code fetch}: no other layer retries a page.
 */
package ru.sp500rub.fetch;
