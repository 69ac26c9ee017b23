package ru.sp500rub.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void lineBreaksAndTerminalControlsBecomeVisibleEscapes() {
        assertThat(LogText.escape("a\r\n[fake] ERROR b")).isEqualTo("a\\r\\n[fake] ERROR b");
        assertThat(LogText.escape("tab\there")).isEqualTo("tab\\there");
        assertThat(LogText.escape("\u001b[31mred\u001b[0m")).isEqualTo("\\u001B[31mred\\u001B[0m");
        assertThat(LogText.escape("nul\u0000bell\u0007del\u007f")).isEqualTo("nul\\u0000bell\\u0007del\\u007F");
    }

    @Test
    void c1ControlsUnicodeSeparatorsAndBidiControlsAreEscaped() {
        assertThat(LogText.escape("next\u0085line csi\u009b")).isEqualTo("next\\u0085line csi\\u009B");
        assertThat(LogText.escape("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
        assertThat(LogText.escape("file\u202Etxt.exe")).isEqualTo("file\\u202Etxt.exe");
        assertThat(LogText.escape("\u2066x\u2069\u200e\u061c")).isEqualTo("\\u2066x\\u2069\\u200E\\u061C");
    }

    @Test
    void ordinaryTextIsReturnedAsItIs() {
        String text = "Run finished in 1.4 s: 496/496 companies; reports in C:\\reports — Société Générale ₽";
        assertThat(LogText.escape(text)).isSameAs(text);
        assertThat(LogText.escape(null)).isEqualTo("null");
    }

    @Test
    void longTextIsCutAndSaysHowMuchWasLeftOut() {
        String cut = LogText.escape("x".repeat(5000), 100);
        assertThat(cut).isEqualTo("x".repeat(80) + "…[+4920 chars]").hasSizeLessThanOrEqualTo(100);
        assertThat(LogText.escape("abc", 3)).isEqualTo("abc");
    }

    @Test
    void anEscapeIsNeverCutInHalf() {
        String cut = LogText.escape("x".repeat(19) + "\n" + "y".repeat(30), 40); // 19 + 2 > 40 - 20
        assertThat(cut).isEqualTo("x".repeat(19) + "…[+31 chars]");
        assertThatThrownBy(() -> LogText.escape("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
