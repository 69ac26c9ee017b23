package ru.sp500rub.run;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import ru.sp500rub.config.DurationText;
import ru.sp500rub.fetch.FetchRun;
import ru.sp500rub.model.Company;
import ru.sp500rub.model.CompanyResult;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.IndexPage;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.rate.RateSnapshot;
import ru.sp500rub.report.FetchFigures;
import ru.sp500rub.report.ParseTiming;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.report.RunSummary;
import ru.sp500rub.report.TopTenReports;

/**
 * The state of one scrape while it runs. Parallel split parts report into it, so every mutator is
 * thread-safe. The rate is pinned before the first company page is fetched: every company of a run is
 * converted at that one rate even if the CBR route refreshes it meanwhile.
 */
public final class ScrapeRun {

    private final String id;
    private final String trigger;
    private final Clock clock;
    private final Instant start;
    /** Every company listed, handed out once; the first answer for each counts. */
    private final RunLedger ledger = new RunLedger();
    private final AtomicInteger indexPages = new AtomicInteger();
    private final AtomicInteger duplicateRows = new AtomicInteger();
    private final Collection<Company> delivered = new ConcurrentLinkedQueue<>();
    private final Collection<PageFailure> failures = new ConcurrentLinkedQueue<>();
    /** Counted apart: a concurrent queue's size() walks the whole queue, and progress asks after every page. */
    private final AtomicInteger companiesDone = new AtomicInteger();
    private final AtomicInteger failuresCount = new AtomicInteger();
    private final AtomicReference<RateSnapshot> rate = new AtomicReference<>();
    private int indexPagesAnnounced;
    private volatile String abandonedBecause;
    private final AtomicLong companyParseNanos = new AtomicLong();
    private final AtomicInteger companyPagesParsed = new AtomicInteger();

    private final Duration timeout;
    private final Instant deadline;

    private final FetchRun fetching;
    private final IntSupplier concurrencyLimit;

    /**
     * A run that may go on until {@code timeout} after it started, asking the site through
     * {@code fetching} (its retry budget, breaker and figures) under the service's learned limit.
     */
    public ScrapeRun(String id, String trigger, Clock clock, Duration timeout, FetchRun fetching, IntSupplier concurrencyLimit) {
        this.id = id;
        this.trigger = trigger;
        this.clock = clock;
        this.start = clock.instant();
        this.deadline = start.plus(timeout);
        this.timeout = timeout;
        this.fetching = fetching;
        this.concurrencyLimit = concurrencyLimit;
    }

    public ScrapeRun(String id, String trigger, Clock clock, Duration timeout) {
        this(id, trigger, clock, timeout, FetchRuns.unlimited(timeout), () -> 0);
    }

    public ScrapeRun(String id, String trigger, Clock clock) {
        this(id, trigger, clock, Duration.ofDays(1));
    }

    /** How this run asks the site: its retry budget, its breaker, its figures. */
    public FetchRun fetching() {
        return fetching;
    }


    public String id() {
        return id;
    }

    public String trigger() {
        return trigger;
    }

    /** The run has failed: its remaining pages are not worth asking the site for, nor its waits worth waiting. */
    public void abandon(String reason) {
        synchronized (this) {
            if (abandonedBecause == null) {
                abandonedBecause = reason;
            }
        }
        fetching.stop(reason);
        ledger.wake();
    }

    public boolean isAbandoned() {
        return abandonedBecause().isPresent();
    }

    /**
     * Why the run was given up, when it was: the reason its failure is told by. A stop of its fetching
     * (the breaker, a Retry-After longer than the run may last) gives the run up too.
     */
    public Optional<String> abandonedBecause() {
        if (abandonedBecause == null) {
            fetching.stoppedBecause().ifPresent(this::abandon);
        }
        return Optional.ofNullable(abandonedBecause);
    }

    /** Past its deadline, a run is given up: nothing more is asked for it, and it fails with that reason. */
    public boolean checkDeadline() {
        if (!isAbandoned() && clock.instant().isAfter(deadline)) {
            abandon(timeoutReason());
        }
        return isAbandoned();
    }

    private String timeoutReason() {
        return "the run took longer than scrape.run-timeout (" + DurationText.format(timeout) + ")";
    }

    /**
     * Waits for the answer of every company listed (those handed to other instances come back over the
     * broker) until the run's deadline; a run whose answers stop arriving is given up at the deadline with
     * that reason and how many are missing. Returns at once when every answer is in, or the run is over.
     */
    public void awaitAnswers() throws InterruptedException {
        Duration left = Duration.between(clock.instant(), deadline);
        if (!ledger.awaitAll(left, this::isAbandoned) && !isAbandoned()) {
            abandon(timeoutReason() + ": " + ledger.unanswered().size() + " of " + ledger.listedCount()
                    + " companies had not answered");
        }
    }

    /** Answers counted twice are refused: how many came (at-least-once delivery over a broker). */
    public int duplicateAnswers() {
        return ledger.duplicates();
    }

    /** Page 1's pager says how many index pages there are; the index is complete when all are listed. */
    public synchronized void expectIndexPages(int pages) {
        if (pages < 1) {
            throw new IllegalArgumentException("an index has at least one page, not " + pages);
        }
        indexPagesAnnounced = pages;
    }

    public synchronized int indexPagesExpected() {
        return indexPagesAnnounced;
    }

    /**
     * Adds an index page's rows and answers those new to the run (a company listed twice, same page
     * URL, is scraped once), and whether this page was the last one of the index to be listed. Pages
     * are listed in whatever order their answers come.
     */
    public synchronized IndexListing listed(IndexPage page) {
        indexPages.incrementAndGet();
        List<IndexEntry> added = new ArrayList<>();
        for (IndexEntry entry : page.entries()) {
            if (ledger.list(entry)) {
                added.add(entry);
            } else {
                duplicateRows.incrementAndGet();
            }
        }
        return new IndexListing(added, indexPages.get() == indexPagesAnnounced);
    }

    /** Every index page has been read: progress can now be told against the full count. */
    public synchronized boolean isIndexComplete() {
        return indexPagesAnnounced > 0 && indexPages.get() >= indexPagesAnnounced;
    }

    public int indexPages() {
        return indexPages.get();
    }

    public int listedCount() {
        return ledger.listedCount();
    }

    public int duplicateRows() {
        return duplicateRows.get();
    }

    public RateSnapshot pinRate(RateSnapshot candidate) {
        rate.compareAndSet(null, candidate);
        return rate.get();
    }

    /** What became of a company's answer, and how many companies the run has done with since it came. */
    public record Acceptance(RunLedger.Verdict verdict, int done) {}

    /**
     * A company's page came back, delivered or failed for good: the first answer for a listed company
     * counts, with the run's own index row; a quote is converted at the pinned rate. A second answer for
     * it (at-least-once delivery) or one for a page the run never listed counts for nothing.
     */
    public Acceptance accept(CompanyResult result) {
        RunLedger.Answer answer = ledger.claim(result.listed().pageUrl());
        if (answer.verdict() != RunLedger.Verdict.ACCEPTED) {
            return new Acceptance(answer.verdict(), companiesDone.get());
        }
        IndexEntry listed = answer.listed().orElseThrow();
        int done;
        try {
            if (result.quote().isPresent()) {
                RateSnapshot pinned = rate.get();
                if (pinned == null) {
                    throw new IllegalStateException("run " + id + " has no pinned rate to convert " + listed.pageUrl());
                }
                companyPageParsed(result.parseNanos());
                done = delivered(Company.of(listed, result.quote().get(), pinned.rate()));
            } else {
                done = failed(new PageFailure(listed.pageUrl().toString(), result.failure().orElseThrow()));
            }
        } finally {
            ledger.recorded();
        }
        return new Acceptance(RunLedger.Verdict.ACCEPTED, done);
    }

    public int delivered(Company company) {
        delivered.add(company);
        return companiesDone.incrementAndGet();
    }

    public int failed(PageFailure failure) {
        failures.add(failure);
        failuresCount.incrementAndGet();
        return companiesDone.incrementAndGet();
    }

    /** CPU time spent turning one company page into a quote, for the summary's timing figures. */
    public void companyPageParsed(long nanos) {
        companyParseNanos.addAndGet(nanos);
        companyPagesParsed.incrementAndGet();
    }

    public int failuresSoFar() {
        return failuresCount.get();
    }

    public int companiesDone() {
        return companiesDone.get();
    }

    /**
     * Closes the run: either an outcome worth publishing, or a {@link RunFailedException} saying why not
     * (no companies listed, no usable rate, or more failures than {@code maxFailedRatio} allows).
     */
    public RunOutcome finish(BigDecimal maxFailedRatio) {
        checkDeadline();
        if (isAbandoned()) {
            throw new RunFailedException(abandonedBecause);
        }
        RunSummary summary = summary();
        if (summary.companiesListed() == 0) {
            throw new RunFailedException("the index listed no companies");
        }
        if (summary.rate().isEmpty()) {
            throw new RunFailedException("no USD/RUB rate was pinned for the run");
        }
        BigDecimal failedRatio = BigDecimal.valueOf(summary.failures().size())
                .divide(BigDecimal.valueOf(summary.companiesListed()), MathContext.DECIMAL64);
        if (summary.companiesDelivered() == 0 || failedRatio.compareTo(maxFailedRatio) > 0) {
            throw new RunFailedException(summary.failures().size() + " of " + summary.companiesListed()
                    + " companies failed (more than the allowed ratio " + maxFailedRatio + ")"
                    + firstFailure(summary));
        }
        return RunOutcome.published(summary, TopTenReports.rank(delivered));
    }

    /**
     * The outcome of a run that failed, with what it had done so far. A run that was given up (its
     * deadline, the service stopping) fails for that reason, whatever its last request said.
     */
    public RunOutcome failedOutcome(String reason) {
        abandon(reason);
        return RunOutcome.failed(summary(), abandonedBecause);
    }

    public RunSummary summary() {
        List<PageFailure> failed = new ArrayList<>(failures);
        failed.sort(Comparator.comparing(PageFailure::url));
        return new RunSummary(id, trigger, start, clock.instant(), Optional.ofNullable(rate.get()), indexPages.get(),
                listedCount(), delivered.size(), failed,
                new ParseTiming(companyPagesParsed.get(), Duration.ofNanos(companyParseNanos.get())), fetchFigures());
    }

    private FetchFigures fetchFigures() {
        FetchRun.Figures f = fetching.figures();
        return new FetchFigures(f.requests(), f.retries(), f.hedges(), f.hedgeWins(), f.throttled(), concurrencyLimit.getAsInt());
    }

    private static String firstFailure(RunSummary summary) {
        return summary.failures().isEmpty() ? ""
                : "; first: " + summary.failures().get(0).url() + ": " + summary.failures().get(0).reason();
    }
}
