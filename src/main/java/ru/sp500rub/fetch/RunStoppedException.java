package ru.sp500rub.fetch;

/**
 * The whole run must fail, with this one reason: the breaker tripped, the site asked us to wait longer
 * than the run may last, or the run's deadline passed. The last good reports stay.
 */
public final class RunStoppedException extends Exception {

    public RunStoppedException(String reason) {
        super(reason, null, false, false);
    }
}
