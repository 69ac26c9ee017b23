package ru.sp500rub.run;

/** A run that cannot publish reports, and why; the previous reports stay as they were. */
public class RunFailedException extends RuntimeException {
    public RunFailedException(String message) {
        super(message);
    }
}
