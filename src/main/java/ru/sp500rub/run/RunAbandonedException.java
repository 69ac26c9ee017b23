package ru.sp500rub.run;

/** A request for a run that has already failed: it is not sent, and the page is not worth a retry. */
public class RunAbandonedException extends RuntimeException {
    public RunAbandonedException(String runId) {
        super("run " + runId + " has failed; nothing more is asked for it");
    }
}
