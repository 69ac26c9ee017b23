package ru.sp500rub.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.util.List;
import org.slf4j.Marker;

/**
 * {@code %safeEx}: what an event's throwable adds to its line.
 *
 * <p>A failure the service handles is logged for an operator: one line, and the throwable adds only its
 * innermost cause to it ({@code "... - Run failed; cause: No space left on device"}), nothing when the
 * message already says it. A stack trace is printed, below the line, when it is what a reader needs:
 * <ul>
 *   <li>the event's logger is at DEBUG (someone is diagnosing: {@code -Dsp500rub.log.level=DEBUG} for
 *       the service's loggers);</li>
 *   <li>the event carries {@link LogMarkers#UNEXPECTED} (a catch-all: the service did not handle it);</li>
 *   <li>it is an ERROR whose chain holds a programming error ({@link Causes#looksLikeBug}): a
 *       NullPointerException inside a route is a bug whatever the route's error handler did with it;</li>
 *   <li>the option is {@code always} ({@code %safeEx{always}}; logback.xml maps
 *       {@code -Dsp500rub.stack-traces=always} to it).</li>
 * </ul>
 * The trace's own lines are escaped too: a message with a line break in it cannot forge a line.
 * Extending {@link ThrowableHandlingConverter} tells logback not to append its own {@code %ex}.
 */
public final class SafeThrowableConverter extends ThrowableHandlingConverter {

    static final int MAX_FRAMES = 40;
    static final int MAX_CAUSES = 12;
    private static final String LINE = System.lineSeparator();

    private boolean always;

    @Override
    public void start() {
        String option = getFirstOption();
        if (option != null && !option.isBlank()) {
            switch (option.trim()) {
                case "always" -> always = true;
                case "auto" -> always = false;
                default -> addError("safeEx: the option is \"auto\" or \"always\", got \"" + option + "\"");
            }
        }
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return "";
        }
        Throwable error = proxy instanceof ThrowableProxy real ? real.getThrowable() : null;
        if (wantsTrace(always, debugEnabled(event), event.getLevel(), markedUnexpected(event.getMarkerList()), error)) {
            return LINE + trace(proxy);
        }
        String reason = error != null ? Causes.innermost(error) : LogText.escape(proxy.getMessage(), Causes.MAX_CHARS);
        String message = event.getFormattedMessage();
        return message != null && message.contains(reason) ? "" : "; cause: " + reason;
    }

    /** When a stack trace is printed (see the class comment); a pure decision. */
    static boolean wantsTrace(boolean always, boolean debugEnabled, Level level, boolean unexpected, Throwable error) {
        return always || debugEnabled || unexpected
                || (level.isGreaterOrEqual(Level.ERROR) && error != null && Causes.looksLikeBug(error));
    }

    private boolean debugEnabled(ILoggingEvent event) {
        return getContext() instanceof LoggerContext loggers
                && loggers.getLogger(event.getLoggerName()).isDebugEnabled();
    }

    private static boolean markedUnexpected(List<Marker> markers) {
        if (markers == null) {
            return false;
        }
        for (Marker marker : markers) {
            if (marker.contains(LogMarkers.UNEXPECTED)) {
                return true;
            }
        }
        return false;
    }

    /** Like logback's own, but every header escaped and frames and causes bounded. */
    static String trace(IThrowableProxy top) {
        StringBuilder out = new StringBuilder(2048);
        append(out, top, "", "");
        return out.toString();
    }

    private static void append(StringBuilder out, IThrowableProxy proxy, String prefix, String indent) {
        int depth = 0;
        for (IThrowableProxy t = proxy; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (depth > 0 || !prefix.isEmpty()) {
                out.append(LINE).append(indent);
            }
            out.append(depth == 0 ? prefix : "Caused by: ").append(header(t));
            frames(out, t, indent);
            if (t.getSuppressed() != null && indent.length() < 2) {
                for (IThrowableProxy suppressed : t.getSuppressed()) {
                    append(out, suppressed, "Suppressed: ", indent + "\t");
                }
            }
            if (t.isCyclic()) {
                return;
            }
        }
    }

    private static String header(IThrowableProxy t) {
        String message = t.getMessage();
        return LogText.escape(message == null ? t.getClassName() : t.getClassName() + ": " + message);
    }

    private static void frames(StringBuilder out, IThrowableProxy t, String indent) {
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        int shown = frames.length - t.getCommonFrames();
        for (int i = 0; i < shown && i < MAX_FRAMES; i++) {
            out.append(LINE).append(indent).append('\t').append(LogText.escape(frames[i].getSTEAsString()));
        }
        if (shown > MAX_FRAMES) {
            out.append(LINE).append(indent).append("\t... ").append(shown - MAX_FRAMES).append(" more frames");
        }
        if (t.getCommonFrames() > 0) {
            out.append(LINE).append(indent).append("\t... ").append(t.getCommonFrames()).append(" common frames omitted");
        }
    }
}
