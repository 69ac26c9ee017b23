package ru.sp500rub.route;

/** An index row whose company page is on another site: not fetched, and named as a failed company. */
public class ForeignLinkException extends RuntimeException {
    public ForeignLinkException(String message) {
        super(message);
    }
}
