package ru.sp500rub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.report.RunOutcome;

/** The standing service: inbox files and simultaneous triggers. */
class TriggersIT {

    @TempDir
    Path work;
    private final StubSite site = new StubSite(50);
    private Main main;
    private Path inbox;
    private Path reports;

    @BeforeEach
    void startTheStandingService() throws Exception {
        inbox = Files.createDirectories(work.resolve("inbox"));
        reports = work.resolve("reports");
        Properties settings = site.settings(reports);
        settings.setProperty("inbox.dir", inbox.toString());
        settings.setProperty("scrape.initial-delay", "1h"); // only the inbox and the test trigger runs
        main = Service.createMain(settings);
        main.start();
    }

    @AfterEach
    void stop() throws Exception {
        main.stop();
        site.close();
    }

    @Test
    void aDroppedFileRunsTheScrapeAndMovesToDone() throws Exception {
        NotifyBuilder picked = inboxRunsDone(1);
        Files.writeString(inbox.resolve("please-run.txt"), "go");

        assertThat(picked.matches(30, TimeUnit.SECONDS)).isTrue();
        awaitMoved(() -> files(inbox.resolve(".done")).stream().anyMatch(f -> f.startsWith("please-run.txt.")));

        assertThat(reports.resolve("top10-price-rub.json")).exists();
        assertThat(inbox.resolve("please-run.txt")).doesNotExist();
        assertThat(inbox.resolve(".failed")).doesNotExist();
    }

    @Test
    void anEmptyFileIsATriggerToo() throws Exception {
        NotifyBuilder picked = inboxRunsDone(1);
        Files.createFile(inbox.resolve("touched"));

        assertThat(picked.matches(30, TimeUnit.SECONDS)).isTrue();
        awaitMoved(() -> files(inbox.resolve(".done")).stream().anyMatch(f -> f.startsWith("touched.")));
        assertThat(reports.resolve("top10-price-rub.json")).exists();
    }

    @Test
    void aFileWhoseRunFailsMovesToFailedWithItsReasonAndIsNotPickedUpAgain() throws Exception {
        site.always(DemoSite.INDEX_PATH, aResponse().withStatus(503));

        NotifyBuilder picked = inboxRunsDone(1);
        NotifyBuilder pickedAgain = inboxRunsDone(2);
        Files.writeString(inbox.resolve("bad-day.txt"), "go");

        assertThat(picked.matches(30, TimeUnit.SECONDS)).isTrue();
        awaitMoved(() -> failedWithReason("bad-day.txt").size() == 1);
        String kept = failedWithReason("bad-day.txt").get(0);
        assertThat(Files.readString(inbox.resolve(".failed").resolve(kept + ".reason"))).contains("HTTP 503");
        int requestsAfterFailure = site.requestsFor(DemoSite.INDEX_PATH).size();
        assertThat(pickedAgain.matches(3, TimeUnit.SECONDS)).as("picked up again within several polls").isFalse();
        assertThat(site.requestsFor(DemoSite.INDEX_PATH)).hasSize(requestsAfterFailure);
        assertThat(reports.resolve("top10-price-rub.json")).doesNotExist();
    }

    @Test
    void aSecondFailedFileOfTheSameNameIsKeptBesideTheFirstWithItsOwnReason() throws Exception {
        site.always(DemoSite.INDEX_PATH, aResponse().withStatus(503));

        NotifyBuilder first = inboxRunsDone(1);
        Files.writeString(inbox.resolve("run.txt"), "first");
        assertThat(first.matches(30, TimeUnit.SECONDS)).isTrue();
        awaitMoved(() -> failedWithReason("run.txt").size() == 1);
        NotifyBuilder second = inboxRunsDone(1);
        Files.writeString(inbox.resolve("run.txt"), "second");
        assertThat(second.matches(30, TimeUnit.SECONDS)).isTrue();
        awaitMoved(() -> failedWithReason("run.txt").size() == 2);

        List<String> kept = failedWithReason("run.txt");
        assertThat(kept.stream().map(name -> read(inbox.resolve(".failed").resolve(name)))).containsExactlyInAnyOrder("first", "second");
        for (String name : kept) {
            assertThat(read(inbox.resolve(".failed").resolve(name + ".reason"))).contains("HTTP 503");
        }
    }

    /**
     * A file dropped while a run is going on joins that run; the run fails, so the file goes to .failed
     * with the reason beside it, like the file that started a run.
     */
    @Test
    void aFileCoalescedIntoARunThatFailsMovesToFailedWithTheReason() throws Exception {
        main.stop();
        Properties settings = site.settings(reports);
        settings.setProperty("inbox.dir", inbox.toString());
        settings.setProperty("scrape.initial-delay", "1h");
        settings.setProperty("http.response-timeout", "10s");
        main = Service.createMain(settings);
        main.start();
        site.slow(DemoSite.INDEX_PATH, 3000);
        site.always(DemoSite.INDEX_PATH + "?p=2", aResponse().withStatus(404));
        NotifyBuilder picked = inboxRunsDone(1);
        Future<Exchange> running = main.getCamelTemplate().asyncSend("direct:scrape", e -> e.setProperty("sp500.trigger", "test"));
        Thread.sleep(200); // the run is under way, waiting for its first index page

        Files.writeString(inbox.resolve("during.txt"), "go");

        assertThat(running.get().getException()).isNotNull();
        assertThat(picked.matches(30, TimeUnit.SECONDS)).isTrue();
        awaitMoved(() -> failedWithReason("during.txt").size() == 1);
        String kept = failedWithReason("during.txt").get(0);
        assertThat(Files.readString(inbox.resolve(".failed").resolve(kept + ".reason")))
                .isEqualTo("HTTP 404 Not Found from " + site.url(DemoSite.INDEX_PATH + "?p=2") + "\n");
        // one run: index page 2 was asked for once (page 1, 3 s slow, may have been hedged)
        assertThat(site.requestsFor(DemoSite.INDEX_PATH + "?p=2")).hasSize(1);
        assertThat(inbox.resolve(".done")).doesNotExist();
    }

    /** A name from outside that no file system would keep with a time stamp added: the run still happens, once. */
    @Test
    void aFileWithAVeryLongNameRunsOnceAndIsKeptUnderASafeName() throws Exception {
        String longName = "x".repeat(250);
        NotifyBuilder picked = inboxRunsDone(1);

        Files.writeString(inbox.resolve(longName), "go");

        assertThat(picked.matches(30, TimeUnit.SECONDS)).isTrue();
        awaitMoved(() -> files(inbox.resolve(".done")).size() == 1);
        assertThat(files(inbox.resolve(".done")).get(0)).startsWith("xxxx").hasSizeLessThan(130);
        Thread.sleep(2000); // several polls of the inbox: the file is not picked up again
        assertThat(site.requestsFor(DemoSite.INDEX_PATH)).hasSize(1);
        assertThat(inbox.resolve(longName)).doesNotExist();
    }

    /** The files kept in .failed under this name (with the time they were picked up) that have their reason beside them. */
    private List<String> failedWithReason(String name) {
        List<String> failed = files(inbox.resolve(".failed"));
        return failed.stream()
                .filter(f -> f.startsWith(name + ".") && !f.endsWith(".reason") && failed.contains(f + ".reason"))
                .sorted().toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void twoTriggersAtOnceMakeOneRun() throws Exception {
        site.server.setGlobalFixedDelay(200);
        ProducerTemplate template = main.getCamelTemplate();

        Future<Exchange> first = template.asyncSend("direct:scrape", e -> e.setProperty("sp500.trigger", "test one"));
        Thread.sleep(100);
        Future<Exchange> second = template.asyncSend("direct:scrape", e -> e.setProperty("sp500.trigger", "test two"));

        List<Object> bodies = Stream.of(first.get(), second.get()).map(e -> e.getMessage().getBody()).toList();
        assertThat(bodies).filteredOn(b -> b instanceof RunOutcome).hasSize(1);
        assertThat(bodies).filteredOn(b -> b == null).hasSize(1);
        assertThat(site.requestsFor(DemoSite.INDEX_PATH)).hasSize(1);
        assertThat(site.requestsFor(site.companyPath(0))).hasSize(1);
    }

    private static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Matches once that many more inbox files have been through their run. */
    private NotifyBuilder inboxRunsDone(int files) {
        return new NotifyBuilder(main.getCamelContext()).fromRoute("trigger-inbox").whenDone(files).create();
    }

    /**
     * The file consumer moves a file aside just after its exchange is done (after the event the
     * NotifyBuilder sees), so the move itself is awaited, briefly.
     */
    private static void awaitMoved(BooleanSupplier moved) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!moved.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the inbox file was not moved within 5 s of its run");
            }
            Thread.sleep(20);
        }
    }
}
