/**
 * Offline copies of the two sites the service reads (Business Insider Markets and the Bank of Russia
 * daily XML), for tests, demos and benchmarks. {@link ru.sp500rub.replay.ReplayServer} serves a replay
 * folder ({@code site.tsv} plus body files, see {@link ru.sp500rub.replay.SiteManifest}) exactly as
 * {@code shared/replay/serve.py} does, or an in-memory {@link ru.sp500rub.replay.Site} such as
 * {@link ru.sp500rub.replay.DemoSite}; {@link ru.sp500rub.replay.ResponseRecorder} writes such a folder
 * from live responses. Plain Java: no Camel here, so any test can use it.
 */
package ru.sp500rub.replay;
