package ru.sp500rub.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeMsg}: the formatted message with every control character escaped and cut to a bound, so
 * an argument from outside (a file name, a page's text, a header) never starts a line of its own or
 * floods the log. Option: the bound in characters ({@code %safeMsg{2000}}, the default).
 */
public final class SafeMessageConverter extends ClassicConverter {

    private int maxChars = LogText.DEFAULT_MAX_CHARS;

    @Override
    public void start() {
        String option = getFirstOption();
        if (option != null && !option.isBlank()) {
            try {
                maxChars = Integer.parseInt(option.trim());
            } catch (NumberFormatException e) {
                addError("safeMsg: the bound must be a whole number of characters, got \"" + option + "\"");
            }
            if (maxChars < 1) {
                addError("safeMsg: the bound must be >= 1, got " + maxChars);
                maxChars = LogText.DEFAULT_MAX_CHARS;
            }
        }
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return LogText.escape(event.getFormattedMessage(), maxChars);
    }
}
