package ru.sp500rub.history;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.sp500rub.RunSamples.T0;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import ru.sp500rub.RunSamples;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.rate.RateSnapshot;
import ru.sp500rub.report.PublishedRun;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportJson;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.ParseTiming;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.report.RunRecord;
import ru.sp500rub.report.RunStatus;
import ru.sp500rub.report.RunSummary;
import ru.sp500rub.report.RunSummaryJson;

class RunHistoryTest {

    private static final UsdRubRate RATE = RunSamples.rate("74.2926", "2026-03-01");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-03T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path reports;
    private RunHistory history;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void setUp() {
        history = new RunHistory(reports.resolve("history"), 168, CLOCK);
        log.start();
        ((Logger) LoggerFactory.getLogger(RunHistory.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(RunHistory.class)).detachAppender(log);
    }

    @Test
    void twoRunsMakeTwoEntriesAndTheSecondNamesWhatEnteredAndLeft() throws IOException {
        Map<Report, List<ReportRow>> first = RunSamples.lists("A");
        history.add(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE, first));

        ReportRow newcomer = new ReportRow("NEW", "Newcomer \"Inc\"", new BigDecimal("123456.789"));
        Map<Report, List<ReportRow>> second = RunSamples.replacing(first, Report.PRICE_RUB, 9, newcomer);
        RunOutcome run2 = RunSamples.good("r2", T0.plusSeconds(3600), Duration.ofSeconds(3), RunSamples.rate("75.0000", "2026-03-02"), second);
        PublishedRun previous = history.lastGood().orElseThrow().published();
        run2 = run2.withChanges(RunDiff.between(previous, PublishedRun.of(run2)));
        HistoryEntry added = history.add(run2);

        List<HistoryEntry> entries = history.latest(10);
        assertThat(entries).extracting(e -> e.run().runId()).containsExactly("r2", "r1");
        assertThat(entries.get(0).id()).isEqualTo(added.id()).isEqualTo("20260302T100000000Z-r2");
        RunChanges read = entries.get(0).changes().orElseThrow();
        assertThat(read.of(Report.PRICE_RUB).entered()).extracting(ReportRow::code).containsExactly("NEW");
        assertThat(read.of(Report.PRICE_RUB).left()).extracting(ReportRow::code).containsExactly(first.get(Report.PRICE_RUB).get(9).code());
        assertThat(read.rate().orElseThrow().delta()).isEqualByComparingTo("0.7074");
        assertThat(entries.get(1).changes()).isEmpty();
        RunHistory.GoodRun last = history.lastGood().orElseThrow();
        assertThat(last.published().run()).isEqualTo(RunRecord.of(run2));
        assertThat(last.changes()).hasValueSatisfying(c -> assertThat(c.entered()).isEqualTo(1));
        String summary = Files.readString(reports.resolve("history").resolve(added.id()).resolve("run-summary.json"));
        assertThat(summary).contains("\"entered\"", "\"NEW\"", "\"left\"", "\"since\" : \"2026-03-02T09:00:02Z\"");
    }

    @Test
    void aGoodRunKeepsItsFourReportsAsPublishedAFailedRunItsSummaryOnly() throws IOException {
        Map<Report, List<ReportRow>> lists = RunSamples.lists("A");
        RunOutcome goodRun = RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE, lists);
        HistoryEntry good = history.add(goodRun);
        RunOutcome failedRun = RunSamples.failed("r2", T0.plusSeconds(60), Duration.ofSeconds(1), "HTTP 503 from the index");
        HistoryEntry failed = history.add(failedRun);

        Path goodDir = history.dir().resolve(good.id());
        for (Report report : Report.values()) {
            assertThat(Files.readAllBytes(goodDir.resolve(report.fileName()))).isEqualTo(ReportJson.toJson(report, lists.get(report)));
        }
        assertThat(goodDir.resolve("run-summary.json")).hasBinaryContent(RunSummaryJson.toJson(goodRun));
        assertThat(names(history.dir().resolve(failed.id()))).containsExactly("run-summary.json");
        assertThat(history.dir().resolve(failed.id()).resolve("run-summary.json")).hasBinaryContent(RunSummaryJson.toJson(failedRun));
        HistoryEntry readFailed = history.latest(1).get(0);
        assertThat(readFailed.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(readFailed.run().error()).hasValue("HTTP 503 from the index");
        assertThat(history.lastGood().orElseThrow().published().rows(Report.GROWTH)).extracting(ReportRow::code)
                .isEqualTo(lists.get(Report.GROWTH).stream().map(ReportRow::code).toList());
    }

    @Test
    void aRunReadsBackAsItWasWritten() throws IOException {
        RunOutcome outcome = RunOutcome.published(new RunSummary("r7", "timer", T0, T0.plusMillis(2345),
                Optional.of(new RateSnapshot(RATE, Optional.of("CBR unavailable; using the stored rate"))), 11, 496, 494,
                List.of(new PageFailure("http://127.0.0.1/stocks/a", "HTTP 500"), new PageFailure("http://127.0.0.1/stocks/b", "reset")),
                new ParseTiming(494, Duration.ofMillis(800)), ru.sp500rub.report.FetchFigures.NONE), RunSamples.lists("A"));
        RunRecord run = RunRecord.of(outcome);
        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        history.add(outcome);

        assertThat(history.latest(1).get(0).run()).isEqualTo(run);
        PublishedRun published = history.lastGood().orElseThrow().published();
        assertThat(published.run()).isEqualTo(run);
        // figures come back as the reports publish them: rounded half-up to 2 decimals
        assertThat(published.rows(Report.PRICE_RUB).get(0).value()).isEqualTo(new BigDecimal("100000.01"));
    }

    @Test
    void keepsOnlyTheNewestEntriesBeyondHistoryKeep() throws IOException {
        RunHistory small = new RunHistory(reports.resolve("history"), 3, CLOCK);
        for (int i = 0; i < 5; i++) {
            small.add(i % 2 == 0
                    ? RunSamples.good("r" + i, T0.plusSeconds(3600L * i), Duration.ofSeconds(2), RATE, RunSamples.lists("A"))
                    : RunSamples.failed("r" + i, T0.plusSeconds(3600L * i), Duration.ofSeconds(1), "down"));
        }

        assertThat(names(small.dir())).hasSize(3);
        assertThat(small.latest(10)).extracting(e -> e.run().runId()).containsExactly("r4", "r3", "r2");
    }

    @Test
    void namesAnEntryFromItsStartAndIdOnly() throws IOException {
        RunOutcome run = RunSamples.good("../../etc/passwd\n<x>", T0, Duration.ofSeconds(2), RATE, RunSamples.lists("A"));
        HistoryEntry entry = history.add(run);
        HistoryEntry again = history.add(run);

        assertThat(entry.id()).isEqualTo("20260302T090000000Z-etcpasswdx");
        assertThat(again.id()).isEqualTo("20260302T090000000Z-etcpasswdx-2");
        assertThat(names(history.dir())).containsExactlyInAnyOrder(entry.id(), again.id());
        assertThat(history.latest(5)).hasSize(2);
    }

    @Test
    void leavesNoStagedFolderAndClearsOnesLeftByADeadProcess() throws IOException {
        Path dead = Files.createDirectories(history.dir().resolve(".writing-1-dead"));
        Files.writeString(dead.resolve("run-summary.json"), "{");
        Files.setLastModifiedTime(dead, FileTime.from(CLOCK.instant().minus(Duration.ofHours(2))));
        Path busy = Files.createDirectories(history.dir().resolve(".writing-2-busy"));
        Files.setLastModifiedTime(busy, FileTime.from(CLOCK.instant().minus(Duration.ofMinutes(5))));

        HistoryEntry entry = history.add(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE, RunSamples.lists("A")));

        assertThat(names(history.dir())).containsExactlyInAnyOrder(entry.id(), ".writing-2-busy");
        assertThat(log.list).isEmpty();
    }

    @Test
    void skipsABrokenOrForeignEntryWithOneWarningEach() throws IOException {
        history.add(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE, RunSamples.lists("A")));
        HistoryEntry brokenReports = history.add(RunSamples.good("r2", T0.plusSeconds(3600), Duration.ofSeconds(2), RATE,
                RunSamples.lists("B")));
        Files.writeString(history.dir().resolve(brokenReports.id()).resolve(Report.GROWTH.fileName()), "[{\"code\":\"X\"}]");
        Path garbage = Files.createDirectories(history.dir().resolve("20260302T110000000Z-r3"));
        Files.writeString(garbage.resolve("run-summary.json"), "not json\u0007 at all");
        Files.createDirectories(history.dir().resolve("20260302T120000000Z-r4")); // no summary
        Path huge = Files.createDirectories(history.dir().resolve("20260302T130000000Z-r5"));
        Files.write(huge.resolve("run-summary.json"), new byte[RunHistory.MAX_SUMMARY_BYTES + 1]);
        Files.writeString(history.dir().resolve("notes\u001b[31m.txt"), "an operator's file");

        for (int read = 0; read < 2; read++) {
            assertThat(history.latest(10)).extracting(e -> e.run().runId()).containsExactly("r2", "r1");
            assertThat(history.lastGood().orElseThrow().published().run().runId()).isEqualTo("r1");
        }

        List<String> warnings = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(5);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("20260302T110000000Z-r3").contains("not JSON"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("20260302T120000000Z-r4").contains("missing"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("20260302T130000000Z-r5").contains("larger than"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains(brokenReports.id()).contains("top10-growth.json"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("notes?[31m.txt: not a history entry"));
        assertThat(warnings).allSatisfy(w -> assertThat(w.chars().noneMatch(Character::isISOControl)).isTrue());
    }

    @Test
    void readsOnlyTheNewestEntriesAskedFor() throws IOException {
        for (int i = 0; i < 6; i++) {
            history.add(RunSamples.good("r" + i, T0.plusSeconds(3600L * i), Duration.ofSeconds(2), RATE, RunSamples.lists("A")));
        }
        // an old entry that cannot be read is never reached when only the newest are asked for
        Files.writeString(history.dir().resolve("20260302T090000000Z-r0").resolve("run-summary.json"), "{");

        assertThat(history.latest(2)).extracting(e -> e.run().runId()).containsExactly("r5", "r4");
        assertThat(log.list).isEmpty();
    }

    @Test
    void anEntryThatCannotBeWrittenCostsThatEntryAloneWithOneWarning() throws IOException {
        Path notAFolder = Files.writeString(reports.resolve("elsewhere"), "a file where the history folder should be");
        RunHistory blocked = new RunHistory(notAFolder, 168, CLOCK);

        blocked.record(RunSamples.good("r1", T0, Duration.ofSeconds(2), RATE, RunSamples.lists("A")));

        assertThat(log.list).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).startsWith("History: run r1 not kept in " + notAFolder));
        assertThat(notAFolder).hasContent("a file where the history folder should be");
    }

    @Test
    void anEmptyOrMissingHistoryHasNoEntries() throws IOException {
        assertThat(history.latest(10)).isEmpty();
        assertThat(history.lastGood()).isEmpty();
        assertThat(history.dir()).doesNotExist();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
