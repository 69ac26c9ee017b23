package ru.sp500rub.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "174.94            | 174.94",
            "3,181.10          | 3181.10",
            "14,392.16         | 14392.16",
            "1,234,567.5       | 1234567.5",
            "-11.22%           | -11.22",
            "+3.4%             | 3.4",
            "0.17%             | 0.17",
            "-893.45           | -893.45",
            "3550              | 3550",
            "'  \t 20.12 \n '  | 20.12",
            "'\u00a019.91\u00a0' | 19.91",
            "'12.5 %'          | 12.5",
            "\u22121.75%       | -1.75",
    })
    void readsTheNumbersTheSitePrints(String text, BigDecimal expected) {
        assertThat(Numbers.parseDecimal(text)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is no number")
    @ValueSource(strings = {"", "   ", "-", "n/a", "N/A", "{{low52weeksDisplay}}", "215.95 B", "1,23.4", "12,34",
            "1.2.3", "%", "abc", "--1"})
    void somethingThatIsNotANumberIsEmptyNotZero(String text) {
        assertThat(Numbers.parseDecimal(text)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    void nullIsEmpty(String text) {
        assertThat(Numbers.parseDecimal(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void keepsTheScaleAsPrinted() {
        assertThat(Numbers.parseDecimal("30.00")).hasValueSatisfying(value -> assertThat(value.scale()).isEqualTo(2));
    }
}
