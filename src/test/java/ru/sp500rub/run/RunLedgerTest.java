package ru.sp500rub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import ru.sp500rub.model.IndexEntry;

class RunLedgerTest {

    private static final URI MMM = URI.create("http://127.0.0.1:9/stocks/mmm-stock");
    private static final URI AAPL = URI.create("http://127.0.0.1:9/stocks/aapl-stock");
    private final RunLedger ledger = new RunLedger();
    private final IndexEntry mmm = new IndexEntry("3M", MMM, Optional.of(new BigDecimal("-11.22")));

    @Test
    void aCompanyIsListedOnce() {
        assertThat(ledger.list(mmm)).isTrue();
        assertThat(ledger.list(new IndexEntry("3M again", MMM, Optional.empty()))).isFalse();
        assertThat(ledger.listedCount()).isEqualTo(1);
    }

    @Test
    void theFirstAnswerCountsWithTheRunsOwnRowAndASecondOneIsADuplicate() {
        ledger.list(mmm);

        assertThat(ledger.claim(MMM)).isEqualTo(new RunLedger.Answer(RunLedger.Verdict.ACCEPTED, Optional.of(mmm)));
        ledger.recorded();
        assertThat(ledger.claim(MMM).verdict()).isEqualTo(RunLedger.Verdict.DUPLICATE);
        assertThat(ledger.claim(URI.create(MMM.toString())).verdict()).isEqualTo(RunLedger.Verdict.DUPLICATE);
        assertThat(ledger.answeredCount()).isEqualTo(1);
        assertThat(ledger.duplicates()).isEqualTo(2);
    }

    @Test
    void anAnswerForAPageNeverListedIsRefused() {
        ledger.list(mmm);

        assertThat(ledger.claim(AAPL).verdict()).isEqualTo(RunLedger.Verdict.NOT_LISTED);
        assertThat(ledger.answeredCount()).isZero();
        assertThat(ledger.unanswered()).containsExactly(mmm);
    }

    @Test
    void aRunWhoseAnswersStopArrivingNamesWhatIsMissingWhenTheWaitRunsOut() throws Exception {
        ledger.list(mmm);
        IndexEntry aapl = new IndexEntry("Apple", AAPL, Optional.empty());
        ledger.list(aapl);
        ledger.claim(MMM);
        ledger.recorded();

        assertThat(ledger.awaitAll(Duration.ofMillis(50), () -> false)).isFalse();
        assertThat(ledger.unanswered()).containsExactly(aapl);
    }

    @Test
    void aWaiterWakesOnlyOnceTheLastAnswerIsRecorded() throws Exception {
        ledger.list(mmm);
        AtomicBoolean recorded = new AtomicBoolean();
        Thread answer = new Thread(() -> {
            ledger.claim(MMM);
            sleep(100); // the run is still adding the company to its figures
            recorded.set(true);
            ledger.recorded();
        });
        answer.start();

        assertThat(ledger.awaitAll(Duration.ofSeconds(10), () -> false)).isTrue();
        assertThat(recorded).isTrue();
        answer.join();
    }

    @Test
    void aRunGivenUpStopsTheWaitAtOnce() throws Exception {
        ledger.list(mmm);
        AtomicBoolean givenUp = new AtomicBoolean();
        Thread stopper = new Thread(() -> {
            sleep(100);
            givenUp.set(true);
            ledger.wake();
        });
        stopper.start();
        long start = System.nanoTime();

        assertThat(ledger.awaitAll(Duration.ofSeconds(30), givenUp::get)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        stopper.join();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
