package ru.sp500rub.parse;

/**
 * A company page in a known layout whose figures cannot be a share's (a price of 1e30 dollars, a ticker
 * of a hundred characters): refused by name rather than allowed to top a report.
 */
public class ImplausibleQuoteException extends RuntimeException {
    public ImplausibleQuoteException(String what) {
        super("implausible page: " + what);
    }
}
