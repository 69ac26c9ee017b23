/**
 * The runs of the past: every run kept under reports.dir/history ({@link ru.sp500rub.history.RunHistory}),
 * and what changed from one good run to the next ({@link ru.sp500rub.history.RunDiff}, pure). No Camel.
 */
package ru.sp500rub.history;
