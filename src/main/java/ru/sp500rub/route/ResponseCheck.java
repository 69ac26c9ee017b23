package ru.sp500rub.route;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Bean {@code responseCheck}: a 200 with no body is a transient fault (a proxy or server hiccup), retried like a reset. */
public final class ResponseCheck {

    public void requireBody(@Body byte[] body, @ExchangeProperty(Keys.PAGE_URL) String pageUrl) throws EmptyResponseException {
        if (body == null || body.length == 0) {
            throw new EmptyResponseException("empty response from " + pageUrl);
        }
    }
}
