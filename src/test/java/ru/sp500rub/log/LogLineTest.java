package ru.sp500rub.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service's logback.xml itself, through its own encoder: what an operator's terminal receives. */
class LogLineTest {

    private static final String UTC_STAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    private LoggerContext context;
    private PatternLayoutEncoder encoder;

    @BeforeEach
    void configureFromTheServicesLogbackXml() throws JoranException {
        System.clearProperty("sp500rub.stack-traces");
        System.clearProperty("sp500rub.log.level");
        context = configured();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private LoggerContext configured() throws JoranException {
        URL config = getClass().getResource("/logback.xml");
        LoggerContext loggers = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(loggers);
        configurator.doConfigure(config);
        assertThat(loggers.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getLevel() >= Status.WARN);
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> stdout =
                (OutputStreamAppender<ILoggingEvent>) loggers.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        encoder = (PatternLayoutEncoder) stdout.getEncoder();
        return loggers;
    }

    private String line(String logger, Level level, Throwable error, String format, Object... args) {
        Logger log = context.getLogger(logger);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), log, level, format, error, args);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void aForgedLineInAnArgumentStaysOnTheEventsLineEscaped() {
        String text = line("ru.sp500rub.run", Level.WARN, null, "Inbox file {} moved aside", "run.txt\r\n[fake] ERROR all reports deleted");

        assertThat(text).matches(UTC_STAMP + " WARN  run - Inbox file run\\.txt\\\\r\\\\n\\[fake\\] ERROR all reports deleted moved aside\\R");
        assertThat(text.lines()).hasSize(1);
    }

    @Test
    void linesCarryTheDateTimeAndZoneInUtc() {
        String text = line("ru.sp500rub.run", Level.INFO, null, "Run started");
        assertThat(text).matches(UTC_STAMP + " INFO  run - Run started\\R");
    }

    @Test
    void aHandledFailureAddsItsInnermostCauseToTheSameLineAndNoStackTrace() {
        Throwable error = new RuntimeCamelException(new UncheckedIOException("cannot stage top10-growth.json",
                new FileSystemException("/srv/reports/.staged-top10-growth.json", null, "Read-only file system")));

        String text = line("ru.sp500rub.run", Level.ERROR, error, "Run failed; previous reports left untouched");

        assertThat(text.lines()).hasSize(1);
        assertThat(text).endsWith("Run failed; previous reports left untouched; cause: Read-only file system: "
                + "/srv/reports/.staged-top10-growth.json" + System.lineSeparator());
    }

    @Test
    void aCauseTheMessageAlreadyNamesIsNotRepeated() {
        String text = line("ru.sp500rub.run", Level.WARN, new IOException("No space left on device"),
                "USD/RUB rate kept in memory only: {}", "No space left on device");
        assertThat(text).endsWith("kept in memory only: No space left on device" + System.lineSeparator());
    }

    @Test
    void anExceptionMessageFromOutsideIsEscapedToo() {
        String text = line("org.apache.camel.component.file.GenericFileOnCompletion", Level.ERROR,
                new IOException("page says\n2026-01-01T00:00:00.000Z INFO  run - Run finished"), "Error processing file");
        assertThat(text.lines()).hasSize(1);
        assertThat(text).contains("; cause: page says\\n2026-01-01T00:00:00.000Z INFO");
    }

    @Test
    void aBugAtErrorKeepsItsStackTraceWithEscapedHeaders() {
        Throwable bug = new RuntimeCamelException(new NullPointerException("name\r\n[fake] INFO is null"));

        String text = line("org.apache.camel.processor.errorhandler.DefaultErrorHandler", Level.ERROR, bug, "Failed delivery");

        assertThat(text.lines().findFirst().orElseThrow()).matches(UTC_STAMP + " ERROR DefaultErrorHandler - Failed delivery");
        assertThat(text).contains("Caused by: java.lang.NullPointerException: name\\r\\n[fake] INFO is null")
                .contains("\tat ru.sp500rub.log.LogLineTest.aBugAtErrorKeepsItsStackTraceWithEscapedHeaders");
        assertThat(text.lines().skip(1)).allMatch(l -> l.startsWith("\t") || l.startsWith("Caused by: ")
                || l.startsWith("org.apache.camel.RuntimeCamelException"));
    }

    @Test
    void anUnexpectedFailureKeepsItsStackTraceAtAnyLevel() {
        Logger log = context.getLogger("ru.sp500rub.app");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), log, Level.WARN, "Uncaught in {}",
                new IOException("disk"), new Object[] {"worker-1"});
        event.addMarker(LogMarkers.UNEXPECTED);
        String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(text).contains("java.io.IOException: disk").contains("\tat ");
    }

    @Test
    void aLoggerAtDebugShowsTheStackTraceOfAHandledFailure() throws JoranException {
        context.stop();
        System.setProperty("sp500rub.log.level", "DEBUG");
        try {
            context = configured();
        } finally {
            System.clearProperty("sp500rub.log.level");
        }
        String text = line("ru.sp500rub.run", Level.WARN, new IOException("No space left on device"), "Rate not stored");
        assertThat(text).contains("java.io.IOException: No space left on device").contains("\tat ");

        String camel = line("org.apache.camel.Foo", Level.WARN, new IOException("No space left on device"), "Rate not stored");
        assertThat(camel.lines()).hasSize(1); // org.apache.camel stays at WARN
    }

    @Test
    void stackTracesCanBeAskedForEverywhere() throws JoranException {
        context.stop();
        System.setProperty("sp500rub.stack-traces", "always");
        try {
            context = configured();
        } finally {
            System.clearProperty("sp500rub.stack-traces");
        }
        String text = line("org.apache.camel.Foo", Level.WARN, new IOException("reset"), "Failed");
        assertThat(text).contains("java.io.IOException: reset").contains("\tat ");
    }

    @Test
    void aHugeMessageIsCut() {
        String text = line("ru.sp500rub.run", Level.WARN, null, "Page text: {}", "x".repeat(100_000));
        assertThat(text.length()).isLessThan(LogText.DEFAULT_MAX_CHARS + 100);
        assertThat(text).contains("…[+");
    }

    @Test
    void theTraceDecisionIsPure() {
        IOException disk = new IOException("No space left on device");
        assertThat(SafeThrowableConverter.wantsTrace(false, false, Level.ERROR, false, disk)).isFalse();
        assertThat(SafeThrowableConverter.wantsTrace(false, false, Level.WARN, false, new NullPointerException())).isFalse();
        assertThat(SafeThrowableConverter.wantsTrace(false, false, Level.ERROR, false, new NullPointerException())).isTrue();
        assertThat(SafeThrowableConverter.wantsTrace(false, true, Level.WARN, false, disk)).isTrue();
        assertThat(SafeThrowableConverter.wantsTrace(false, false, Level.INFO, true, disk)).isTrue();
        assertThat(SafeThrowableConverter.wantsTrace(true, false, Level.INFO, false, disk)).isTrue();
    }
}
