/**
 * Log lines an operator can read: one line per event, its cause in words, nothing from outside raw.
 * {@link ru.sp500rub.log.LogText} escapes and bounds text; {@link ru.sp500rub.log.Causes} finds the
 * reason in an exception chain; the two logback converters ({@code %safeMsg}, {@code %safeEx},
 * registered in logback.xml) apply them to every event. No Camel here.
 */
package ru.sp500rub.log;
