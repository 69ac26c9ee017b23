package ru.sp500rub.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.model.UsdRubRate;

class UsdRubRateKeeperTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final UsdRubRate RATE = new UsdRubRate(new BigDecimal("92.5"), LocalDate.of(2026, 11, 25), "cbr");

    @TempDir
    Path dir;

    @Test
    void answersTheFreshRateAndPersistsIt() {
        RateStore store = new RateStore(dir.resolve("rate.json"));
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(store, Duration.ofDays(7), NOW);

        keeper.accept(RATE);

        assertThat(keeper.awaitRate(Duration.ofSeconds(1))).isEqualTo(RateSnapshot.fresh(RATE));
        assertThat(store.load()).isEqualTo(new RateFileContent.Stored(RATE));
    }

    @Test
    void fallsBackToAStoredRateWithinTheMaxAgeAndSaysWhy() {
        RateStore store = new RateStore(dir.resolve("rate.json"));
        store.save(RATE);
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(store, Duration.ofDays(7), NOW);

        keeper.fetchFailed("HTTP 503 Service Unavailable");
        RateSnapshot snapshot = keeper.awaitRate(Duration.ofSeconds(1));

        assertThat(snapshot.rate()).isEqualTo(RATE);
        assertThat(snapshot.fallbackReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("HTTP 503").contains("stored rate of 2026-11-25"));
    }

    @Test
    void aMaxAgeInHoursIsKeptToTheHour() {
        RateStore store = new RateStore(dir.resolve("rate.json"));
        store.save(new UsdRubRate(new BigDecimal("80"), LocalDate.of(2026, 11, 26), "cbr")); // 13 h old at NOW (MSK)
        UsdRubRateKeeper strict = keeper(store, Duration.ofHours(12));

        assertThat(keeper(store, Duration.ofHours(14)).awaitRate(Duration.ofSeconds(1)).rate().date()).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThatThrownBy(() -> strict.awaitRate(Duration.ofSeconds(1))).hasMessageContaining("older than 12h");
    }

    private static UsdRubRateKeeper keeper(RateStore store, Duration maxAge) {
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(store, maxAge, NOW);
        keeper.fetchFailed("down");
        return keeper;
    }

    @Test
    void refusesAStoredRateOlderThanTheMaxAge() {
        RateStore store = new RateStore(dir.resolve("rate.json"));
        store.save(new UsdRubRate(new BigDecimal("80"), LocalDate.of(2026, 11, 1), "cbr"));
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(store, Duration.ofDays(7), NOW);

        keeper.fetchFailed("connection refused");

        assertThatThrownBy(() -> keeper.awaitRate(Duration.ofSeconds(1)))
                .isInstanceOf(RateUnavailableException.class)
                .hasMessageContaining("connection refused")
                .hasMessageContaining("older than 7 days");
    }

    @Test
    void withoutAnyRateTheErrorNamesTheCauseAndTheStore() {
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(new RateStore(dir.resolve("rate.json")), Duration.ofDays(7), NOW);

        keeper.fetchFailed("garbage XML");

        assertThatThrownBy(() -> keeper.awaitRate(Duration.ofSeconds(1)))
                .isInstanceOf(RateUnavailableException.class)
                .hasMessageContaining("garbage XML")
                .hasMessageContaining("no stored rate");
    }

    @Test
    void aBrokenStoredRateIsNamedAsBrokenNotAsMissing() throws Exception {
        Files.writeString(dir.resolve("rate.json"), "{ broken");
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(new RateStore(dir.resolve("rate.json")), Duration.ofDays(7), NOW);

        keeper.fetchFailed("garbage XML");

        assertThatThrownBy(() -> keeper.awaitRate(Duration.ofSeconds(1)))
                .hasMessageContaining("garbage XML")
                .hasMessageContaining("rate.json is broken: is not JSON")
                .hasMessageNotContaining("no stored rate");
    }

    @Test
    void anImplausibleRateFromTheCbrIsRefusedAndNotStored() {
        RateStore store = new RateStore(dir.resolve("rate.json"));
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(store, Duration.ofDays(7), NOW);

        keeper.accept(new UsdRubRate(new BigDecimal("1e30"), LocalDate.of(2026, 11, 26), "cbr"));
        keeper.accept(new UsdRubRate(new BigDecimal("92.5"), LocalDate.of(2099, 1, 1), "cbr"));

        assertThat(store.load()).isEqualTo(new RateFileContent.Missing());
        assertThatThrownBy(() -> keeper.awaitRate(Duration.ofSeconds(1)))
                .hasMessageContaining("CBR answer refused: USD/RUB rate 92.5 is dated 2099-01-01, after tomorrow");
        assertThat(keeper.current()).isEmpty();
    }

    @Test
    void aStoredRateDatedInTheFutureIsRefusedWhereverItComesFrom() {
        RateStore store = new RateStore(dir.resolve("rate.json"));
        store.save(new UsdRubRate(new BigDecimal("92.5"), LocalDate.of(2099, 1, 1), "edited by hand"));
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(store, Duration.ofDays(7), NOW);

        keeper.fetchFailed("HTTP 503");

        assertThatThrownBy(() -> keeper.awaitRate(Duration.ofSeconds(1)))
                .hasMessageContaining("rate.json is refused: USD/RUB rate 92.5 is dated 2099-01-01");
    }

    @Test
    void theCurrentRateIsTheFreshOneOrAUsableStoredOneWithoutWaiting() {
        RateStore store = new RateStore(dir.resolve("rate.json"));
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(store, Duration.ofDays(7), NOW);
        assertThat(keeper.current()).isEmpty(); // the CBR has not answered yet

        keeper.accept(RATE);
        assertThat(keeper.current()).contains(RateSnapshot.fresh(RATE));

        keeper.fetchFailed("HTTP 503");
        assertThat(keeper.current()).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.rate()).isEqualTo(RATE);
            assertThat(snapshot.fallbackReason()).isPresent();
        });
    }

    @Test
    void waitsForTheFirstAttemptInsteadOfFailingAtOnce() throws Exception {
        UsdRubRateKeeper keeper = new UsdRubRateKeeper(new RateStore(dir.resolve("rate.json")), Duration.ofDays(7), NOW);
        Thread feeder = new Thread(() -> {
            sleep(200);
            keeper.accept(RATE);
        });
        feeder.start();

        assertThat(keeper.awaitRate(Duration.ofSeconds(10)).rate()).isEqualTo(RATE);
        feeder.join();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
