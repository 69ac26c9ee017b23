package ru.sp500rub.route;

import java.net.URI;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import ru.sp500rub.model.IndexPage;
import ru.sp500rub.parse.IndexPageParser;
import ru.sp500rub.parse.PageText;

/** Bean {@code indexPages}: an index page's bytes, as fetched from its URL, become its companies and page count. */
public final class IndexPageReader {

    private final IndexPageParser parser;

    public IndexPageReader(IndexPageParser parser) {
        this.parser = parser;
    }

    /** An index page that failed for good fails its run, named by URL. */
    public void failed(@ExchangeProperty(Keys.PAGE_URL) String pageUrl, Exchange exchange) {
        Throwable error = FailureReasons.caught(exchange);
        throw new IndexPageFailedException(FailureReasons.forPage(error) + " from " + pageUrl, error);
    }

    public IndexPage read(@Body byte[] page, @Header(Keys.CONTENT_TYPE) String contentType,
                          @ExchangeProperty(Keys.PAGE_URL) String pageUrl) {
        return parser.parse(PageText.decode(page, contentType), URI.create(pageUrl));
    }
}
