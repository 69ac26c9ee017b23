package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.sp500rub.model.IndexEntry;

class RunLedgerTest {

    private static final URI MMM = URI.create("http://127.0.0.1:9/stocks/mmm-stock");
    private static final URI AAPL = URI.create("http://127.0.0.1:9/stocks/aapl-stock");
    private final RunLedger ledger = new RunLedger("run-1");
    private final IndexEntry mmm = new IndexEntry("3M", MMM, Optional.of(new BigDecimal("-11.22")));

    @Test
    void theFirstAnswerCountsWithTheRunsOwnRowAndASecondOneIsADuplicate() {
        ledger.sending(mmm);
        ClusterResult answer = ClusterResult.delivered("run-1", MMM, SampleCompanyStep.quoteFor(MMM), ResultFigures.none());

        assertThat(ledger.accept(answer)).isEqualTo(new RunLedger.Acceptance(RunLedger.Verdict.ACCEPTED, Optional.of(mmm)));
        assertThat(ledger.accept(answer).verdict()).isEqualTo(RunLedger.Verdict.DUPLICATE);
        assertThat(ledger.accept(ClusterResult.failed("run-1", MMM, "late failure", ResultFigures.none())).verdict())
                .isEqualTo(RunLedger.Verdict.DUPLICATE);
        assertThat(ledger.answeredCount()).isEqualTo(1);
        assertThat(ledger.duplicates()).isEqualTo(2);
        assertThat(ledger.failures()).isEmpty();
    }

    @Test
    void anAnswerForAPageNotSentOrAnotherRunIsRefused() {
        ledger.sending(mmm);

        assertThat(ledger.accept(ClusterResult.delivered("run-1", AAPL, SampleCompanyStep.quoteFor(AAPL), ResultFigures.none())).verdict())
                .isEqualTo(RunLedger.Verdict.NOT_SENT);
        assertThat(ledger.accept(ClusterResult.delivered("run-2", MMM, SampleCompanyStep.quoteFor(MMM), ResultFigures.none())).verdict())
                .isEqualTo(RunLedger.Verdict.OTHER_RUN);
        assertThat(ledger.answeredCount()).isZero();
    }

    @Test
    void aRunWhoseAnswersStopArrivingNamesWhatIsMissingWhenTheWaitRunsOut() throws Exception {
        ledger.sending(mmm);
        IndexEntry aapl = new IndexEntry("Apple", AAPL, Optional.empty());
        ledger.sending(aapl);
        ledger.couldNotSend(mmm, "could not queue the task: broker down");

        assertThat(ledger.awaitAllAnswered(Duration.ofMillis(50))).isFalse();
        assertThat(ledger.unanswered()).containsExactly(aapl);
        assertThat(ledger.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("could not queue the task: broker down"));
    }

    @Test
    void aWaiterWakesWhenTheLastAnswerArrives() throws Exception {
        ledger.sending(mmm);
        Thread answer = new Thread(() -> {
            sleep(100);
            ledger.accept(ClusterResult.delivered("run-1", MMM, SampleCompanyStep.quoteFor(MMM), ResultFigures.none()));
        });
        answer.start();

        assertThat(ledger.awaitAllAnswered(Duration.ofSeconds(10))).isTrue();
        answer.join();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
