package ru.sp500rub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {

    private static final Duration HOURLY = Duration.ofHours(1);

    @Test
    void defaultsToThisMachineOnly() {
        OpsSettings settings = OpsSettings.read(key -> null, HOURLY);

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9876);
        assertThat(settings.readyMaxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.enabledExplicitly()).isFalse();
    }

    @Test
    void runsInTheStandingServiceUnlessTurnedOffAndInOnceOnlyWhenAskedFor() {
        OpsSettings unset = OpsSettings.read(key -> null, HOURLY);
        OpsSettings on = OpsSettings.read(Map.of("ops.enabled", "true")::get, HOURLY);
        OpsSettings off = OpsSettings.read(Map.of("ops.enabled", "FALSE")::get, HOURLY);

        assertThat(unset.serverRuns(false)).isTrue();
        assertThat(unset.serverRuns(true)).isFalse();
        assertThat(on.serverRuns(true)).isTrue();
        assertThat(off.serverRuns(false)).isFalse();
        assertThat(off.serverRuns(true)).isFalse();
    }

    @Test
    void readsEveryKey() {
        OpsSettings settings = OpsSettings.read(Map.of("ops.host", "0.0.0.0", "ops.port", "0",
                "ops.ready-max-age", "90m")::get, HOURLY);

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isZero();
        assertThat(settings.readyMaxAge()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void readyMaxAgeTakesIsoShortFormsAndBareMilliseconds() {
        assertThat(OpsSettings.read(Map.of("ops.ready-max-age", "PT3H")::get, HOURLY).readyMaxAge()).isEqualTo(Duration.ofHours(3));
        assertThat(OpsSettings.read(Map.of("ops.ready-max-age", "2d")::get, HOURLY).readyMaxAge()).isEqualTo(Duration.ofDays(2));
        assertThat(OpsSettings.read(Map.of("ops.ready-max-age", "5000")::get, HOURLY).readyMaxAge()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesASettingThatCannotWorkWithItsKeyAndValue() {
        assertRefused("ops.port", "abc", "sp500-rub: ops.port must be a whole number from 0 to 65535, got \"abc\"");
        assertRefused("ops.port", "65536", "sp500-rub: ops.port must be a whole number from 0 to 65535, got \"65536\"");
        assertRefused("ops.enabled", "yes", "sp500-rub: ops.enabled must be true or false, got \"yes\"");
        assertRefused("ops.host", "127.0.0.1; rm", "sp500-rub: ops.host must be a host name or IP address to listen on"
                + " (such as 127.0.0.1), got \"127.0.0.1; rm\"");
        assertRefused("ops.host", "", "sp500-rub: ops.host must be a host name or IP address to listen on"
                + " (such as 127.0.0.1), got \"\"");
        String age = "sp500-rub: ops.ready-max-age must be a duration from 1s to 365d (ISO-8601 such as PT2H, or 30s,"
                + " 15m, 2h, 7d; a bare number is milliseconds), got ";
        assertRefused("ops.ready-max-age", "soon", age + "\"soon\"");
        assertRefused("ops.ready-max-age", "500", age + "\"500\"");
        assertRefused("ops.ready-max-age", "400d", age + "\"400d\"");
        assertRefused("ops.port", "1\u001b[2J", "sp500-rub: ops.port must be a whole number from 0 to 65535, got \"1?[2J\"");
    }

    private static void assertRefused(String key, String value, String message) {
        assertThatThrownBy(() -> OpsSettings.read(Map.of(key, value)::get, HOURLY)).hasMessage(message);
    }
}
