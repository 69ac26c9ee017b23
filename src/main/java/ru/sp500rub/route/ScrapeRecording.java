package ru.sp500rub.route;

import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import ru.sp500rub.replay.ResponseRecorder;

/** Hands each successful response to the {@code --record} recorder, when there is one. */
public final class ScrapeRecording implements Processor {

    public static final String BEAN = "responseRecorder";

    @Override
    public void process(Exchange exchange) {
        ResponseRecorder recorder = exchange.getContext().getRegistry().lookupByNameAndType(BEAN, ResponseRecorder.class);
        if (recorder != null) {
            recorder.record(URI.create(exchange.getProperty(Keys.PAGE_URL, String.class)),
                    exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class),
                    exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                    exchange.getMessage().getBody(byte[].class));
        }
    }
}
