package ru.sp500rub.route;

/** Another process is running on the same reports folder: this trigger does not start a run. */
public class ReportsBusyException extends RuntimeException {
    public ReportsBusyException(String message) {
        super(message);
    }
}
