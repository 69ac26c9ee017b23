package ru.sp500rub.route;

import java.io.IOException;

/** An HTTP answer without a body; an I/O fault, so the retry policy treats it like a reset. */
public class EmptyResponseException extends IOException {
    public EmptyResponseException(String message) {
        super(message);
    }
}
