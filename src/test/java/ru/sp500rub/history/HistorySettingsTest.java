package ru.sp500rub.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistorySettingsTest {

    @Test
    void keepsAWeekOfHourlyRunsByDefault() {
        assertThat(HistorySettings.read(key -> null).keep()).isEqualTo(168);
    }

    @Test
    void readsKeep() {
        assertThat(HistorySettings.read(Map.of("history.keep", " 24 ")::get).keep()).isEqualTo(24);
    }

    @Test
    void refusesAKeepThatCannotWorkWithTheKeyAndTheValue() {
        for (String bad : new String[] {"abc", "0", "-1", "100001", "1.5", ""}) {
            assertThatThrownBy(() -> HistorySettings.read(Map.of("history.keep", bad)::get))
                    .hasMessage("sp500-rub: history.keep must be a whole number from 1 to 100000, got \"" + bad + "\"");
        }
    }
}
