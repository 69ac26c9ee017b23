package ru.sp500rub.route;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/** Words for the run summary: what went wrong with a page, in one line an operator can act on. */
public final class FailureReasons {

    private FailureReasons() {
    }

    static String describe(Exchange exchange, Throwable error) {
        String what = describe(error);
        int retries = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        return retries > 0 ? what + " (after " + retries + " retries)" : what;
    }

    /**
     * For a whole run: the failure itself, not the split that carried it ("Multicast processing failed
     * for number 0..."), and an HTTP failure also names the page, since a run fetches many.
     */
    public static String describeRunFailure(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CamelExchangeException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpOperationFailedException http && http.getUri() != null) {
            return describe(cause) + " from " + http.getUri();
        }
        return describe(cause);
    }

    public static String describe(Throwable error) {
        if (error instanceof HttpOperationFailedException http) {
            String text = http.getStatusText() == null ? "" : " " + http.getStatusText();
            return "HTTP " + http.getStatusCode() + text;
        }
        String message = error.getMessage();
        String type = error.getClass().getSimpleName();
        if (error instanceof RuntimeException && message != null && message.startsWith("layout not recognised")) {
            return message;
        }
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
