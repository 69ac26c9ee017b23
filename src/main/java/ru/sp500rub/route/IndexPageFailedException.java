package ru.sp500rub.route;

/** An index page that failed for good, after its retries: its run cannot be complete. The message names the page. */
public class IndexPageFailedException extends RuntimeException {
    public IndexPageFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
