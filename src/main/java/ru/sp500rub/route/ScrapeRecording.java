package ru.sp500rub.route;

import java.net.URI;
import java.util.Optional;
import org.apache.camel.Exchange;
import ru.sp500rub.replay.ResponseRecorder;

/** Bean {@code recording}: hands each successful response to the {@code --record} recorder, when there is one. */
public final class ScrapeRecording {

    private final Optional<ResponseRecorder> recorder;

    public ScrapeRecording(Optional<ResponseRecorder> recorder) {
        this.recorder = recorder;
    }

    public void record(Exchange exchange) {
        recorder.ifPresent(r -> r.record(URI.create(exchange.getProperty(Keys.PAGE_URL, String.class)),
                exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class),
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                exchange.getMessage().getBody(byte[].class)));
    }
}
