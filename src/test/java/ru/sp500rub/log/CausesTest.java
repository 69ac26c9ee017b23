package ru.sp500rub.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CausesTest {

    @TempDir
    Path dir;

    @Test
    void aPathWhoseParentIsAFileNamesTheReasonAndThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("reports"), "I am a file");
        Throwable error = catchThrowable(() -> Files.createDirectories(file.resolve("rejects")));

        assertThat(error).isInstanceOf(FileSystemException.class);
        assertThat(Causes.innermost(error)).isEqualTo("Not a directory: " + file.resolve("rejects"));
    }

    @Test
    void aFullDiskSaysNoSpaceLeftOnDevice() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "/dev/full is a Linux device");
        Throwable error = catchThrowable(() -> {
            try (FileOutputStream out = new FileOutputStream(full.toFile())) {
                out.write(new byte[4096]);
            }
        });

        Throwable wrapped = new UncheckedIOException("cannot store the rate in reports/rate.json", (IOException) error);
        assertThat(Causes.innermost(wrapped)).isEqualTo("No space left on device");
        assertThat(Causes.inContext(wrapped)).isEqualTo("cannot store the rate in reports/rate.json: No space left on device");
    }

    @Test
    void aReadOnlyFileSystemSaysSo() {
        // the exception the JDK makes of EROFS (a read-only mount cannot be made here without root tricks;
        // as root, a read-only folder is writable, so the permission case cannot be produced either)
        Throwable erofs = new FileSystemException("/srv/reports/.staged-top10-growth.json", null, "Read-only file system");
        assertThat(Causes.innermost(new RuntimeCamelException(erofs)))
                .isEqualTo("Read-only file system: /srv/reports/.staged-top10-growth.json");
    }

    @Test
    void jdkExceptionsWithoutAReasonGetTheUsualWords() throws IOException {
        Path missing = dir.resolve("no-such-dir/rate.json");
        Throwable error = catchThrowable(() -> Files.readAllBytes(missing));
        assertThat(error).isInstanceOf(NoSuchFileException.class);
        assertThat(Causes.innermost(error)).isEqualTo("No such file or directory: " + missing);

        Throwable denied = new AccessDeniedException("/srv/reports/.writing-rate.json");
        assertThat(Causes.innermost(denied)).isEqualTo("Permission denied: /srv/reports/.writing-rate.json");

        Path from = Files.writeString(dir.resolve("a"), "a");
        Path to = Files.createDirectories(dir.resolve("b/c"));
        Throwable move = catchThrowable(() -> Files.move(from, to.getParent()));
        assertThat(Causes.innermost(move)).isEqualTo("File exists: " + to.getParent());
    }

    @Test
    void camelsSplitterWrapperIsNeverTheReason() {
        DefaultExchange exchange = new DefaultExchange(new DefaultCamelContext());
        IOException disk = new IOException("No space left on device");
        CamelExchangeException split = new CamelExchangeException("Multicast processing failed for number 0", exchange, disk);
        Throwable top = new RuntimeCamelException(new ExecutionException(split));

        assertThat(split.getMessage()).contains("Multicast processing failed", "Exchange[");
        assertThat(Causes.innermost(top)).isEqualTo("No space left on device");
        assertThat(Causes.inContext(top)).isEqualTo("No space left on device");
    }

    @Test
    void aCamelExceptionWithoutCauseLosesTheExchangeId() {
        DefaultExchange exchange = new DefaultExchange(new DefaultCamelContext());
        CamelExchangeException alone = new CamelExchangeException("The OUT message was not received within: 30000 millis", exchange);
        assertThat(Causes.innermost(alone)).isEqualTo("The OUT message was not received within: 30000 millis");
    }

    @Test
    void typesAreNamedWhereTheMessageAloneSaysTooLittle() {
        assertThat(Causes.innermost(new UnknownHostException("www.cbr.ru"))).isEqualTo("Unknown host: www.cbr.ru");
        assertThat(Causes.innermost(new RuntimeException(new NumberFormatException("For input string: \"7x\""))))
                .isEqualTo("NumberFormatException: For input string: \"7x\"");
        assertThat(Causes.innermost(new java.io.EOFException())).isEqualTo("EOFException");
        assertThat(Causes.innermost(new IllegalStateException("the recorder of x is closed")))
                .isEqualTo("IllegalStateException: the recorder of x is closed");
    }

    @Test
    void textFromOutsideIsEscapedAndBounded() {
        Throwable forged = new IOException("bad page\r\n2026-12-01T10:15:30.123Z ERROR run - Run failed");
        assertThat(Causes.innermost(forged)).doesNotContain("\n", "\r").contains("bad page\\r\\n2026");
        String longName = "/srv/" + "x".repeat(5000);
        assertThat(Causes.innermost(new NoSuchFileException(longName))).hasSizeLessThanOrEqualTo(Causes.MAX_CHARS);
    }

    @Test
    void aCyclicChainEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertThat(Causes.innermost(b)).isEqualTo("a");
    }

    @Test
    void programmingErrorsAreToldApartFromFailuresOfTheWorld() {
        assertThat(Causes.looksLikeBug(new RuntimeCamelException(new NullPointerException("x")))).isTrue();
        assertThat(Causes.looksLikeBug(new StackOverflowError())).isTrue();
        assertThat(Causes.looksLikeBug(new UncheckedIOException(new IOException("No space left on device")))).isFalse();
        assertThat(Causes.looksLikeBug(new IllegalArgumentException("scrape.concurrency must be >= 1"))).isFalse();
    }
}
