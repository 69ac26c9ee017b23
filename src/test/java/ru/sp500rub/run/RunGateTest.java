package ru.sp500rub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import ru.sp500rub.report.RunOutcome;

class RunGateTest {

    private final RunGate gate = new RunGate(Duration.ofSeconds(5));
    private final ScrapeRun run = new ScrapeRun("20261201T000000Z-test", "test", Clock.systemUTC());

    @Test
    void oneRunAtATime() {
        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.tryEnter()).isFalse();
        gate.leave();
        assertThat(gate.tryEnter()).isTrue();
    }

    @Test
    void aCoalescedTriggerGetsTheOutcomeOfTheRunItJoined() throws Exception {
        gate.tryEnter();
        CompletableFuture<RunOutcome> joined = CompletableFuture.supplyAsync(gate::awaitCurrent);
        RunOutcome failed = run.failedOutcome("HTTP 503 Service Unavailable from http://site/");

        gate.runEnded(failed);
        gate.leave();

        assertThat(joined.get().failure()).contains("HTTP 503 Service Unavailable from http://site/");
    }

    @Test
    void aTriggerThatLooksJustAfterTheRunEndedStillGetsItsOutcome() {
        gate.tryEnter();
        gate.runEnded(run.failedOutcome("too many failures"));
        gate.leave();

        assertThat(gate.awaitCurrent().failure()).contains("too many failures");
    }

    @Test
    void aRunThatEndsWithoutAnOutcomeFailsTheTriggersThatJoinedIt() {
        gate.tryEnter();
        gate.leave();

        assertThatThrownBy(gate::awaitCurrent).isInstanceOf(RunFailedException.class)
                .hasMessage("the run ended without an outcome");
    }

    @Test
    void aJoinedRunThatGoesOnTooLongIsSaidToBeStillGoing() {
        RunGate impatient = new RunGate(Duration.ofMillis(50));
        impatient.tryEnter();

        assertThatThrownBy(impatient::awaitCurrent).hasMessageContaining("still going after");
    }
}
