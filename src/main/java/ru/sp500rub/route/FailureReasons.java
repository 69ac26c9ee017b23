package ru.sp500rub.route;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import ru.sp500rub.log.Causes;
import ru.sp500rub.log.LogText;
import ru.sp500rub.parse.ImplausibleQuoteException;
import ru.sp500rub.parse.LayoutNotRecognisedException;
import ru.sp500rub.rate.RateUnavailableException;
import ru.sp500rub.run.RunFailedException;

/**
 * Words for the run summary and the log: what went wrong, in one line an operator can act on, chosen
 * by the exception's type. The service's own failures (an unknown layout, a run that cannot publish, no
 * usable rate) are already written for an operator and are told as they are.
 */
public final class FailureReasons {

    private FailureReasons() {
    }

    /** The failure being handled: still on the exchange, or already moved to EXCEPTION_CAUGHT. */
    static Throwable caught(Exchange exchange) {
        Throwable error = exchange.getException();
        return error != null ? error : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    /** A page that failed for good, with how many retries it had. */
    static String forPage(Exchange exchange, Throwable error) {
        String what = describe(error);
        int retries = exchange.getProperty(Keys.RETRIES, 0, Integer.class);
        return retries > 0 ? what + " (after " + retries + " retries)" : what;
    }

    /**
     * For a whole run: the failure itself, not the split that carried it ("Multicast processing failed
     * for number 0..."), and an HTTP failure also names the page, since a run fetches many.
     */
    public static String forRun(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof IndexPageFailedException page) {
            return page.getMessage();
        }
        if (cause instanceof HttpOperationFailedException http && http.getUri() != null) {
            return describe(cause) + " from " + http.getUri();
        }
        return describe(cause);
    }

    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof HttpOperationFailedException http) {
            String text = http.getStatusText() == null ? "" : " " + LogText.escape(http.getStatusText(), 80);
            return "HTTP " + http.getStatusCode() + text;
        }
        if (cause instanceof LayoutNotRecognisedException || cause instanceof ImplausibleQuoteException
                || cause instanceof ForeignLinkException || cause instanceof RunFailedException
                || cause instanceof RateUnavailableException) {
            return LogText.escape(cause.getMessage(), Causes.MAX_CHARS);
        }
        return Causes.inContext(cause);
    }

    /** The failure a Camel wrapper (a split, a multicast) carries. */
    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CamelExchangeException || cause instanceof RuntimeCamelException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
