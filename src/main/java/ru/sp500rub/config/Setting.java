package ru.sp500rub.config;

/** A value as an operator wrote it, and where: named in the message when the value is refused. */
public record Setting(String key, String value, String source) {
}
