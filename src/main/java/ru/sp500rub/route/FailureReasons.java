package ru.sp500rub.route;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import ru.sp500rub.fetch.PageFailedException;
import ru.sp500rub.fetch.RunStoppedException;
import ru.sp500rub.log.Causes;
import ru.sp500rub.log.LogText;
import ru.sp500rub.parse.ImplausibleQuoteException;
import ru.sp500rub.parse.LayoutNotRecognisedException;
import ru.sp500rub.rate.RateUnavailableException;
import ru.sp500rub.run.RunFailedException;

/**
 * Words for the run summary and the log: what went wrong, in one line an operator can act on, chosen
 * by the exception's type. The service's own failures (a page lost after its retries, an unknown
 * layout, a run that cannot publish, no usable rate) are already written for an operator and are told
 * as they are; anything else by its innermost useful cause.
 */
public final class FailureReasons {

    private FailureReasons() {
    }

    /** The failure being handled: still on the exchange, or already moved to EXCEPTION_CAUGHT. */
    static Throwable caught(Exchange exchange) {
        Throwable error = exchange.getException();
        return error != null ? error : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    /** A page that failed for good. */
    static String forPage(Throwable error) {
        return describe(error);
    }

    /**
     * What a page's failure says to the run's breaker: the same words for the same failure of any page,
     * without its URL or its retry count ("HTTP 503 Service Unavailable", "layout not recognised: no
     * price"). Empty for a failure that is not the page's (the run stopping).
     */
    static String kindOf(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof PageFailedException page) {
            return page.kind();
        }
        if (cause instanceof RunStoppedException || cause instanceof ru.sp500rub.run.RunAbandonedException) {
            return "";
        }
        return describe(cause);
    }

    /**
     * For a whole run: the failure itself, not the split that carried it ("Multicast processing failed
     * for number 0..."), and a lost page also names itself, since a run fetches many.
     */
    public static String forRun(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof IndexPageFailedException page) {
            return page.getMessage();
        }
        if (cause instanceof PageFailedException page) {
            return LogText.escape(page.reason(), Causes.MAX_CHARS) + " from " + LogText.escape(page.url().toString(), 300);
        }
        return describe(cause);
    }

    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof PageFailedException page) {
            return LogText.escape(page.reason(), Causes.MAX_CHARS);
        }
        if (cause instanceof LayoutNotRecognisedException || cause instanceof ImplausibleQuoteException
                || cause instanceof ForeignLinkException || cause instanceof RunFailedException
                || cause instanceof RateUnavailableException || cause instanceof RunStoppedException) {
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
