package ru.sp500rub.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SiteLimiterPolitenessTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));

    @Test
    void aPolitenessLimitSpacesEveryRequestEvenlyHedgesIncluded() {
        SiteLimiter limiter = new SiteLimiter(new FixedLimit(32), now::get, 20); // 50 ms apart

        assertThat(limiter.tryAcquire()).isPresent();
        assertThat(limiter.tryAcquire()).as("a hedge within the gap").isEmpty();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(49));
        assertThat(limiter.tryAcquire()).isEmpty();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(limiter.tryAcquire()).isPresent();
    }

    @Test
    void aWaitingRequestGoesOutOnceItsTurnHasCome() throws Exception {
        AtomicLong real = new AtomicLong();
        SiteLimiter limiter = new SiteLimiter(new FixedLimit(32), System::nanoTime, 10); // 100 ms apart
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire(false, System.nanoTime() + TimeUnit.SECONDS.toNanos(5))).isPresent();
        }
        real.set(System.nanoTime() - start);

        assertThat(real.get()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void withoutALimitNothingWaits() {
        SiteLimiter limiter = new SiteLimiter(new FixedLimit(2), now::get);

        assertThat(limiter.tryAcquire()).isPresent();
        assertThat(limiter.tryAcquire()).isPresent();
        assertThat(limiter.tryAcquire()).as("the concurrency limit still holds").isEmpty();
    }
}
