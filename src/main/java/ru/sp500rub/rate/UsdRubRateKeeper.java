package ru.sp500rub.rate;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.model.UsdRubRate;

/**
 * Keeps the current USD->RUB rate between the CBR route (which feeds it on a timer) and the scrape
 * (which reads it). Until the first CBR attempt has finished, readers wait, so a scrape that starts at
 * the same moment as the service overlaps with the rate fetch instead of failing. When the CBR cannot
 * be read, the last good rate (memory, then the store) stands in while it is no older than {@code maxAge},
 * counted from the start of its date in Moscow.
 */
public final class UsdRubRateKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(UsdRubRateKeeper.class);

    private final RateStore store;
    private final Duration maxAge;
    private final Clock clock;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile UsdRubRate fresh;
    private volatile String lastFailure;
    /** The store as read when the CBR last failed: every company of a run asks, the file is read once. */
    private volatile RateFileContent storedAtFailure;
    private final RatePlausibility plausibility;

    public UsdRubRateKeeper(RateStore store, Duration maxAge, Clock clock) {
        this.store = store;
        this.maxAge = maxAge;
        this.clock = clock;
        this.plausibility = new RatePlausibility(clock);
    }

    /** A rate just read from the CBR; one that is not plausible is refused like an unreadable answer. */
    public void accept(UsdRubRate rate) {
        Optional<String> implausible = plausibility.problem(rate);
        if (implausible.isPresent()) {
            fetchFailed("CBR answer refused: " + implausible.get());
            return;
        }
        boolean changed = fresh == null || !fresh.equals(rate);
        fresh = rate;
        lastFailure = null;
        storedAtFailure = null;
        firstAttempt.countDown(); // a waiting run goes on now; the copy on disk is for a later process
        if (changed) {
            LOG.info("USD/RUB rate {} for {} from {}", rate.roublesPerDollar(), rate.date(), rate.source());
        }
        try {
            store.save(rate);
        } catch (RuntimeException e) {
            LOG.warn("USD/RUB rate {} kept in memory only: {}", rate.roublesPerDollar(), e.getMessage());
        }
    }

    /** The CBR attempt failed after its retries. */
    public void fetchFailed(String reason) {
        lastFailure = reason;
        fresh = null;
        storedAtFailure = store.load();
        LOG.warn("USD/RUB rate could not be read from the CBR: {}", reason);
        firstAttempt.countDown();
    }

    /**
     * The rate to convert with now: waits up to {@code timeout} for the first CBR attempt, then answers
     * the fresh rate, or a stored one no older than the max age, or throws with every reason known.
     */
    public RateSnapshot awaitRate(Duration timeout) {
        try {
            if (!firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && fresh == null) {
                return fallback("no answer from the CBR within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateUnavailableException("interrupted while waiting for the USD/RUB rate");
        }
        UsdRubRate current = fresh;
        return current != null ? RateSnapshot.fresh(current) : fallback(lastFailure);
    }

    /** A rate is in force from the start of its date in Moscow, where the CBR sets it. */
    private Duration ageOf(UsdRubRate rate) {
        return rate.ageAt(clock.instant());
    }

    private static String describe(Duration age) {
        long days = age.toDays();
        if (age.equals(Duration.ofDays(days))) {
            return days == 1 ? "1 day" : days + " days";
        }
        return age.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The rate a run would be given now, without waiting: the fresh one, or a usable stored one; empty
     * when there is none (the CBR not yet answered, or down with no usable stored rate).
     */
    public Optional<RateSnapshot> current() {
        UsdRubRate now = fresh;
        if (now != null) {
            return Optional.of(RateSnapshot.fresh(now));
        }
        if (lastFailure == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(fallback(lastFailure));
        } catch (RateUnavailableException none) {
            return Optional.empty();
        }
    }

    private RateSnapshot fallback(String why) {
        RateFileContent known = storedAtFailure;
        RateFileContent content = known != null ? known : store.load();
        if (content instanceof RateFileContent.Broken broken) {
            throw new RateUnavailableException("no usable USD/RUB rate: " + why + "; the stored rate file "
                    + store.file() + " is broken: " + broken.reason());
        }
        if (!(content instanceof RateFileContent.Stored stored)) {
            throw new RateUnavailableException("no usable USD/RUB rate: " + why + "; no stored rate in " + store.file());
        }
        UsdRubRate rate = stored.rate();
        Optional<String> implausible = plausibility.problem(rate);
        if (implausible.isPresent()) {
            throw new RateUnavailableException("no usable USD/RUB rate: " + why + "; the stored rate in "
                    + store.file() + " is refused: " + implausible.get());
        }
        if (ageOf(rate).compareTo(maxAge) > 0) {
            throw new RateUnavailableException("no usable USD/RUB rate: " + why + "; the stored rate of "
                    + rate.date() + " in " + store.file() + " is older than " + describe(maxAge));
        }
        return new RateSnapshot(rate, Optional.of("CBR unavailable (" + why + "); using the stored rate of "
                + rate.date() + " from " + store.file()));
    }
}
