package ru.sp500rub.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.report.Publication;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.store.PublishedFile;

/** The publication as a set, on the real routes with a fake site: all of its files, or none of them. */
class PublishRoutesTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicBoolean diskFullAtGrowth = new AtomicBoolean();

    @Test
    void aGoodRunPublishesEveryFileOfThePublicationAndLeavesNothingHidden() throws Exception {
        startWithFailingDisk();

        RunOutcome outcome = runOnce().getMessage().getBody(RunOutcome.class);

        assertThat(visibleFiles()).containsAll(Publication.standard().fileNames());
        assertThat(hiddenFiles()).isEmpty();
        assertThat(JSON.readTree(reports().resolve("run-summary.json").toFile()).get("runId").asText())
                .isEqualTo(outcome.summary().runId());
        for (PublishedFile file : Publication.standard().render(outcome)) {
            assertThat(reports().resolve(file.name())).as(file.name()).hasBinaryContent(file.content());
        }
    }

    @Test
    void aRunThatCannotWriteOneOfItsFilesPublishesNoneAndLeavesNoStagedFile() throws Exception {
        startWithFailingDisk();
        runOnce();
        Map<String, byte[]> good = published();
        usdRate("80,0000"); // every price of the next run differs
        template.sendBody(Endpoints.CBR_REFRESH, null);
        diskFullAtGrowth.set(true);

        Exchange failed = runOnce();

        assertThat(failed.getException()).isNotNull();
        assertThat(published()).allSatisfy((name, content) -> assertThat(content).as(name).isEqualTo(good.get(name)));
        assertThat(hiddenFiles()).isEmpty();
        assertThat(JSON.readTree(reports().resolve(RunRecords.FAILED_RUN_FILE).toFile()).get("error").asText())
                .isEqualTo("No space left on device");
    }

    private void startWithFailingDisk() throws Exception {
        AdviceWith.adviceWith(context, "publish-reports", route -> route.weaveById("stage-file").before()
                .process(exchange -> {
                    if (diskFullAtGrowth.get() && exchange.getMessage().getBody(PublishedFile.class).name().equals("top10-growth.json")) {
                        throw new IOException("No space left on device");
                    }
                }));
        start();
    }

    private Exchange runOnce() {
        return template.send(Endpoints.SCRAPE, exchange -> exchange.setProperty(Keys.TRIGGER, "test"));
    }

    /** The fake CBR answers a USD rate of {@code value}, as the CBR writes it. */
    private void usdRate(String value) {
        byte[] cbr = DemoSite.render(site.companies).get(DemoSite.CBR_PATH).body();
        String xml = new String(cbr, StandardCharsets.ISO_8859_1);
        String changed = xml.replaceFirst("(<CharCode>USD</CharCode>(?:(?!</Valute>).)*<Value>)[^<]*", "$1" + value);
        assertThat(changed).isNotEqualTo(xml);
        site.answer(DemoSite.CBR_PATH, "application/xml; charset=windows-1251", changed.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Map<String, byte[]> published() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (String name : Publication.standard().fileNames()) {
            files.put(name, Files.readAllBytes(reports().resolve(name)));
        }
        return files;
    }

    private List<String> visibleFiles() throws IOException {
        return files().stream().filter(name -> !name.startsWith(".")).toList();
    }

    /** Temporary and staged files; the reports lock file stays, by design. */
    private List<String> hiddenFiles() throws IOException {
        return files().stream().filter(name -> name.startsWith(".tmp-") || name.startsWith(".staged-")).toList();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(reports())) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
