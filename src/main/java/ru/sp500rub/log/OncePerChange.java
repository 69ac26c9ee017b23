package ru.sp500rub.log;

import java.util.Objects;

/**
 * Whether a recurring condition is worth a log line: the first time, and whenever it changes; not again
 * while it stays the same (a folder that cannot be read is not news every half second). A return to
 * normal is news too, once.
 */
public final class OncePerChange {

    private String current;

    /** True when {@code condition} differs from the one last reported. */
    public synchronized boolean report(String condition) {
        Objects.requireNonNull(condition, "condition");
        if (condition.equals(current)) {
            return false;
        }
        current = condition;
        return true;
    }

    /** True when a condition had been reported and is now over. */
    public synchronized boolean clear() {
        boolean was = current != null;
        current = null;
        return was;
    }
}
