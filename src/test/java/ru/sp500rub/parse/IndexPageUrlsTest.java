package ru.sp500rub.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class IndexPageUrlsTest {

    @Test
    void addsOrReplacesThePageParameter() {
        URI index = URI.create("https://markets.businessinsider.com/index/components/s&p_500");

        assertThat(IndexPageUrls.page(index, 2)).isEqualTo("https://markets.businessinsider.com/index/components/s&p_500?p=2");
        assertThat(IndexPageUrls.page(URI.create("http://127.0.0.1:8080/index/components/s&p_500?p=1"), 11))
                .isEqualTo("http://127.0.0.1:8080/index/components/s&p_500?p=11");
        assertThat(IndexPageUrls.page(URI.create("http://h/i?lang=en&p=1"), 3)).isEqualTo("http://h/i?lang=en&p=3");
    }
}
