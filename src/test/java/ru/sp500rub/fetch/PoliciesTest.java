package ru.sp500rub.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The small policies, each on its own, with fake clocks where time matters. */
class PoliciesTest {

    private static final long MS = 1_000_000L;

    @Nested
    class LatencyTrackerTest {
        @Test
        void saysNothingUntilItHasEnoughSamples() {
            LatencyTracker tracker = new LatencyTracker(100, 20);
            for (int i = 0; i < 19; i++) {
                tracker.record(100 * MS);
            }
            assertThat(tracker.percentile(0.95)).isEmpty();
            tracker.record(100 * MS);
            assertThat(tracker.percentile(0.95)).contains(Duration.ofMillis(100));
        }

        @Test
        void p95OfTheRecentWindowOnly() {
            LatencyTracker tracker = new LatencyTracker(100, 20);
            for (int i = 0; i < 100; i++) {
                tracker.record(5_000 * MS); // an old slow period
            }
            for (int i = 1; i <= 100; i++) {
                tracker.record(i * MS); // 1..100 ms now
            }
            assertThat(tracker.percentile(0.95)).contains(Duration.ofMillis(95));
            assertThat(tracker.percentile(0.5)).contains(Duration.ofMillis(50));
            assertThat(tracker.samples()).isEqualTo(100);
        }
    }

    @Nested
    class HedgePolicyTest {
        private final HedgePolicy policy = new HedgePolicy(Duration.ofMillis(400), Duration.ofSeconds(1), 0.95, 2.0,
                Duration.ofSeconds(3));

        private LatencyTracker tracker(long millis) {
            LatencyTracker tracker = new LatencyTracker(50, 10);
            for (int i = 0; i < 50; i++) {
                tracker.record(millis * MS);
            }
            return tracker;
        }

        @Test
        void twiceTheP95AboveTheFloor() {
            assertThat(policy.delay(tracker(300), 0)).contains(Duration.ofMillis(600));
            assertThat(policy.delay(tracker(100), 0)).contains(Duration.ofMillis(400));
        }

        @Test
        void aColdDelayBeforeLatenciesAreKnown() {
            assertThat(policy.delay(new LatencyTracker(50, 10), 0)).contains(Duration.ofSeconds(1));
        }

        @Test
        void noHedgeForAFewSecondsAfterThePushedBack() {
            long now = 10_000 * MS;
            policy.pushback(now);
            assertThat(policy.delay(tracker(100), now + 2_999 * MS)).isEmpty();
            assertThat(policy.quiet(now + 2_999 * MS)).isFalse();
            assertThat(policy.delay(tracker(100), now + 3_000 * MS)).isPresent();
        }
    }

    @Nested
    class RetryBudgetTest {
        @Test
        void aFloorThenAShareOfFirstAttempts() {
            RetryBudget budget = new RetryBudget(0.2, 3);
            assertThat(budget.tryExtra()).isTrue();
            assertThat(budget.tryExtra()).isTrue();
            assertThat(budget.tryExtra()).isTrue();
            assertThat(budget.tryExtra()).isFalse();
            for (int i = 0; i < 10; i++) {
                budget.firstAttempt();
            }
            assertThat(budget.tryExtra()).isTrue();
            assertThat(budget.tryExtra()).isTrue();
            assertThat(budget.tryExtra()).isFalse();
            assertThat(budget.extras()).isEqualTo(5);
            assertThat(budget.refused()).isEqualTo(2);
            assertThat(budget.spent()).isEqualTo("retry budget of the run spent (5 extra requests for 10 first requests)");
        }

        @Test
        void againstASiteThatFailsEverythingTheRequestsStayBounded() {
            RetryBudget budget = new RetryBudget(0.2, 10);
            int requests = 0;
            for (int page = 0; page < 496; page++) {
                budget.firstAttempt();
                requests++;
                for (int retry = 0; retry < 4 && budget.tryExtra(); retry++) {
                    requests++;
                }
            }
            assertThat(requests).isLessThanOrEqualTo((int) (496 * 1.2) + 10);
        }
    }

    @Nested
    class BackoffTest {
        @Test
        void doublesWithEqualJitterUpToTheMax() {
            Backoff low = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), () -> 0.0);
            Backoff high = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), () -> 1.0);
            assertThat(low.delay(1)).isEqualTo(Duration.ofMillis(125));
            assertThat(high.delay(1)).isEqualTo(Duration.ofMillis(250));
            assertThat(high.delay(3)).isEqualTo(Duration.ofMillis(1000));
            assertThat(high.delay(10)).isEqualTo(Duration.ofSeconds(8));
            assertThat(low.delay(1_000_000)).isEqualTo(Duration.ofSeconds(4));
        }

        @Test
        void refusesNonsense() {
            assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0.5))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RetryAfterTest {
        private final Instant now = Instant.parse("2026-01-05T10:00:00Z");

        @Test
        void secondsOrAnHttpDate() {
            assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
            assertThat(RetryAfter.parse(" 7 ", now)).contains(Duration.ofSeconds(7));
            assertThat(RetryAfter.parse("0007", now)).contains(Duration.ofSeconds(7));
            assertThat(RetryAfter.parse("Mon, 05 Jan 2026 10:01:30 GMT", now)).contains(Duration.ofSeconds(90));
        }

        @Test
        void notCappedButBounded() {
            assertThat(RetryAfter.parse("3600", now)).contains(Duration.ofHours(1));
            assertThat(RetryAfter.parse("99999999999999999999999999", now)).contains(RetryAfter.MAX);
            assertThat(RetryAfter.parse("9223372036854775807", now)).contains(RetryAfter.MAX);
            assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", now)).contains(RetryAfter.MAX);
        }

        @Test
        void aDateInThePastIsNow() {
            assertThat(RetryAfter.parse("Mon, 05 Jan 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        }

        @Test
        void anythingElseIsNoHeader() {
            assertThat(RetryAfter.parse("-5", now)).isEmpty();
            assertThat(RetryAfter.parse("1.5", now)).isEmpty();
            assertThat(RetryAfter.parse("soon", now)).isEmpty();
            assertThat(RetryAfter.parse("", now)).isEmpty();
            assertThat(RetryAfter.parse(null, now)).isEmpty();
            assertThat(RetryAfter.parse("1".repeat(100), now)).isEmpty();
        }
    }

    @Nested
    class RunBreakerTest {
        @Test
        void theFirstPagesAllFailingTheSameWayStopTheRun() {
            RunBreaker breaker = new RunBreaker(5, 20, 0.8, 4);
            for (int i = 0; i < 4; i++) {
                breaker.failed("layout not recognised: no price section");
                assertThat(breaker.tripped()).isEmpty();
            }
            breaker.failed("layout not recognised: no price section");
            assertThat(breaker.tripped())
                    .contains("the first 5 company pages all failed the same way: layout not recognised: no price section");
        }

        @Test
        void differentFirstFailuresNameTheMostCommon() {
            RunBreaker breaker = new RunBreaker(5, 20, 0.8, 4);
            for (String reason : new String[] {"HTTP 503", "HTTP 503", "HTTP 503", "reset", "HTTP 500"}) {
                breaker.failed(reason);
            }
            assertThat(breaker.tripped()).contains("the first 5 company pages all failed (3 with: HTTP 503)");
        }

        @Test
        void oneSuccessFirstThenMostRecentPagesFailing() {
            RunBreaker breaker = new RunBreaker(5, 20, 0.8, 4);
            breaker.succeeded();
            for (int i = 0; i < 15; i++) {
                breaker.failed("HTTP 503");
            }
            breaker.succeeded();
            breaker.succeeded();
            breaker.succeeded();
            assertThat(breaker.tripped()).as("19 pages: the window is not full yet").isEmpty();
            breaker.failed("HTTP 503");
            assertThat(breaker.tripped()).contains("16 of the last 20 company pages failed (most with: HTTP 503)");
        }

        @Test
        void aSiteThatMostlyWorksNeverTrips() {
            RunBreaker breaker = new RunBreaker(5, 20, 0.8, 4);
            for (int i = 0; i < 500; i++) {
                if (i % 5 == 0) {
                    breaker.failed("HTTP 503");
                } else {
                    breaker.succeeded();
                }
            }
            assertThat(breaker.tripped()).isEmpty();
        }

        @Test
        void onlyCanariesUntilTheFirstSuccess() {
            RunBreaker breaker = new RunBreaker(5, 20, 0.8, 4);
            assertThat(breaker.admits(3)).isTrue();
            assertThat(breaker.admits(4)).isFalse();
            breaker.succeeded();
            assertThat(breaker.admits(31)).isTrue();
        }
    }

    @Nested
    class FetchRunTest {
        @Test
        void aTrippedBreakerStopsTheRunWithItsReason() {
            AtomicLong clock = new AtomicLong();
            RunBreaker breaker = new RunBreaker(2, 20, 0.8, 4);
            FetchRun run = new FetchRun(new RetryBudget(0.2, 10), breaker, Duration.ofMinutes(5), clock::get);
            run.companyPageDone(false, "HTTP 503");
            run.companyPageDone(false, "HTTP 503");
            assertThatThrownBy(run::checkGoing).isInstanceOf(RunStoppedException.class)
                    .hasMessage("the first 2 company pages all failed the same way: HTTP 503");
        }

        @Test
        void theRunsDeadline() {
            AtomicLong clock = new AtomicLong();
            FetchRun run = new FetchRun(new RetryBudget(0.2, 10), RunBreaker.defaults(), Duration.ofSeconds(10), clock::get);
            clock.set(10_000 * MS);
            assertThatThrownBy(run::checkGoing).isInstanceOf(RunStoppedException.class)
                    .hasMessage("the run took longer than its deadline");
        }

        @Test
        void theFirstReasonStays() {
            FetchRun run = new FetchRun(new RetryBudget(0.2, 10), RunBreaker.defaults(), Duration.ofMinutes(1), System::nanoTime);
            run.stop("rate-limited by the site for 3600 s");
            run.stop("something later");
            assertThatThrownBy(run::checkGoing).hasMessage("rate-limited by the site for 3600 s");
        }
    }
}
