package ru.sp500rub.parse;

/**
 * A page that does not look like any layout the parsers know. The message starts with
 * "layout not recognised: " and names what was missing, so an operator can tell a markup change
 * from a network fault.
 */
public class LayoutNotRecognisedException extends RuntimeException {
    public LayoutNotRecognisedException(String what) {
        super("layout not recognised: " + what);
    }
}
