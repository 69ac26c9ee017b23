package ru.sp500rub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.sp500rub.model.Company;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.CompanyResult;
import ru.sp500rub.model.CompanyTask;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.IndexPage;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.rate.RateSnapshot;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.RunOutcome;

class ScrapeRunTest {

    private static final BigDecimal MAX_FAILED = new BigDecimal("0.2");
    private final ScrapeRun run = new ScrapeRun("20261201T000000Z-test", "test", Clock.systemUTC());

    @Test
    void aCompanyListedTwiceIsScrapedOnceAndPagesAfterTheFirstAddOnlyTheirNewCompanies() {
        IndexListing first = run.listed(page(2, "a", "b", "c"));
        IndexListing second = run.listed(page(2, "c", "d"));

        assertThat(first.newCompanies()).extracting(e -> e.pageUrl().getPath()).containsExactly("/stocks/a", "/stocks/b", "/stocks/c");
        assertThat(second.newCompanies()).extracting(e -> e.pageUrl().getPath()).containsExactly("/stocks/d");
        assertThat(run.listedCount()).isEqualTo(4);
        assertThat(run.duplicateRows()).isEqualTo(1);
        assertThat(run.indexPages()).isEqualTo(2);
    }

    @Test
    void theIndexIsCompleteWhenAsManyPagesAsPageOneAnnouncedAreListedInWhateverOrder() {
        run.expectIndexPages(3);
        assertThat(run.isIndexComplete()).isFalse();

        // page 3 answered first, and its pager (a window near the end) says something else
        IndexListing third = run.listed(page(7, "c"));
        IndexListing first = run.listed(page(3, "a"));

        assertThat(third.completesIndex()).isFalse();
        assertThat(first.completesIndex()).isFalse();
        assertThat(run.isIndexComplete()).isFalse();

        IndexListing second = run.listed(page(3, "b"));

        assertThat(second.completesIndex()).isTrue();
        assertThat(run.isIndexComplete()).isTrue();
    }

    @Test
    void aOnePageIndexIsCompleteWithItsFirstPage() {
        run.expectIndexPages(1);

        assertThat(run.listed(page(1, "a")).completesIndex()).isTrue();
        assertThat(run.isIndexComplete()).isTrue();
    }

    @Test
    void withoutAnAnnouncedPageCountTheIndexIsNeverComplete() {
        assertThat(run.listed(page(1, "a")).completesIndex()).isFalse();
        assertThat(run.isIndexComplete()).isFalse();
    }

    @Test
    void theFirstPinnedRateStaysForTheWholeRun() {
        RateSnapshot first = rate("90");

        run.pinRate(first);

        assertThat(run.pinRate(rate("95"))).isEqualTo(first);
    }

    @Test
    void aRunWithinTheFailureRatioIsPublishedWithItsFailuresNamed() {
        run.listed(page(1, "a", "b", "c", "d", "e"));
        run.pinRate(rate("90"));
        for (String code : List.of("a", "b", "c", "d")) {
            run.delivered(company(code));
        }
        run.failed(new PageFailure("http://site/stocks/e", "HTTP 404 Not Found"));

        RunOutcome outcome = run.finish(MAX_FAILED);

        assertThat(run.companiesDone()).isEqualTo(5);
        assertThat(outcome.summary().complete()).isFalse();
        assertThat(outcome.summary().failures()).extracting(PageFailure::url).containsExactly("http://site/stocks/e");
        assertThat(outcome.reports().get(Report.PRICE_RUB)).hasSize(4);
    }

    @Test
    void tooManyFailuresNoCompaniesOrNoRateFailTheRun() {
        assertThatThrownBy(() -> run.finish(MAX_FAILED)).isInstanceOf(RunFailedException.class)
                .hasMessageContaining("listed no companies");

        run.listed(page(1, "a", "b", "c", "d"));
        assertThatThrownBy(() -> run.finish(MAX_FAILED)).hasMessageContaining("no USD/RUB rate");

        run.pinRate(rate("90"));
        run.delivered(company("a"));
        run.delivered(company("b"));
        run.delivered(company("c"));
        run.failed(new PageFailure("http://site/stocks/d", "HTTP 500"));
        assertThatThrownBy(() -> run.finish(MAX_FAILED)).hasMessageContaining("1 of 4 companies failed")
                .hasMessageContaining("http://site/stocks/d");
    }

    @Test
    void aRunPastItsDeadlineIsOverAndFailsWithThatReason() {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-01T10:00:00Z"));
        Clock clock = movable(now);
        ScrapeRun timed = new ScrapeRun("20261201T100000Z-late", "test", clock, java.time.Duration.ofSeconds(10));
        timed.listed(page(1, "a"));
        timed.pinRate(rate("90"));
        timed.delivered(company("a"));
        assertThat(timed.checkDeadline()).isFalse();

        now.set(now.get().plusSeconds(11));

        assertThat(timed.checkDeadline()).isTrue();
        assertThatThrownBy(() -> timed.finish(MAX_FAILED)).isInstanceOf(RunFailedException.class)
                .hasMessage("the run took longer than scrape.run-timeout (10s)");
        assertThat(timed.failedOutcome("run 20261201T100000Z-late has failed; nothing more is asked for it").failure())
                .contains("the run took longer than scrape.run-timeout (10s)");
    }

    /** Over a broker a company may answer twice: the first answer counts, with the run's own index row. */
    @Test
    void theFirstAnswerForACompanyCountsAndASecondOrAStrayOneCountsForNothing() {
        run.listed(page(1, "a", "b"));
        run.pinRate(rate("100"));
        IndexEntry echoed = new IndexEntry("a", URI.create("http://site/stocks/a"), Optional.of(new BigDecimal("999")));
        CompanyTask task = new CompanyTask(run.id(), echoed);
        CompanyQuote quote = new CompanyQuote("A", "A Inc.", new BigDecimal("2.50"),
                Optional.empty(), Optional.empty());

        assertThat(run.accept(CompanyResult.delivered(task, quote, 5)))
                .isEqualTo(new ScrapeRun.Acceptance(RunLedger.Verdict.ACCEPTED, 1));
        assertThat(run.accept(CompanyResult.failed(task, "late")).verdict()).isEqualTo(RunLedger.Verdict.DUPLICATE);
        assertThat(run.accept(CompanyResult.failed(new CompanyTask(run.id(),
                new IndexEntry("x", URI.create("http://site/stocks/x"), Optional.empty())), "stray")).verdict())
                .isEqualTo(RunLedger.Verdict.NOT_LISTED);

        assertThat(run.companiesDone()).isEqualTo(1);
        assertThat(run.failuresSoFar()).isZero();
        assertThat(run.duplicateAnswers()).isEqualTo(1);
        assertThat(run.summary().companiesDelivered()).isEqualTo(1);
        // growth is the run's own row's (1), not what came back with the answer (999)
        run.accept(CompanyResult.delivered(new CompanyTask(run.id(),
                new IndexEntry("b", URI.create("http://site/stocks/b"), Optional.empty())), quote, 5));
        RunOutcome outcome = run.finish(MAX_FAILED);
        assertThat(outcome.rows(Report.GROWTH)).extracting(row -> row.value().stripTrailingZeros().toPlainString())
                .containsOnly("1");
    }

    @Test
    void aRunWhoseAnswersStopArrivingIsGivenUpAtItsDeadlineSayingHowManyAreMissing() throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-01T10:00:00Z"));
        Clock clock = movable(now);
        ScrapeRun distributed = new ScrapeRun("20261201T100000Z-dist", "test", clock, java.time.Duration.ofSeconds(10));
        distributed.listed(page(1, "a", "b", "c"));
        distributed.pinRate(rate("90"));
        distributed.accept(CompanyResult.failed(new CompanyTask(distributed.id(),
                new IndexEntry("a", URI.create("http://site/stocks/a"), Optional.empty())), "HTTP 404 Not Found"));
        now.set(now.get().plusMillis(9_900)); // 100 ms of the run's time left

        distributed.awaitAnswers();

        assertThat(distributed.abandonedBecause())
                .contains("the run took longer than scrape.run-timeout (10s): 2 of 3 companies had not answered");
        assertThatThrownBy(() -> distributed.finish(MAX_FAILED)).isInstanceOf(RunFailedException.class)
                .hasMessage("the run took longer than scrape.run-timeout (10s): 2 of 3 companies had not answered");
    }

    /** A clock that says what {@code now} holds. */
    private static Clock movable(java.util.concurrent.atomic.AtomicReference<java.time.Instant> now) {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
    }

    private static IndexPage page(int pageCount, String... slugs) {
        return new IndexPage(Arrays.stream(slugs)
                .map(slug -> new IndexEntry(slug, URI.create("http://site/stocks/" + slug), Optional.of(BigDecimal.ONE)))
                .toList(), pageCount);
    }

    private static RateSnapshot rate(String value) {
        return RateSnapshot.fresh(new UsdRubRate(new BigDecimal(value), LocalDate.of(2026, 11, 26), "cbr"));
    }

    private static Company company(String code) {
        return new Company(code, code, BigDecimal.TEN, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
