package ru.sp500rub;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recorded pages shared by all worktrees, in {@code ../shared/fixtures} next to the Maven basedir
 * (see its MANIFEST.md). They are never copied into the repository: a machine without them skips the
 * tests that need them instead of failing.
 */
public final class SharedFixtures {

    private static final Path ROOT = Path.of("..", "shared", "fixtures");
    private static final Pattern DECLARED_CHARSET =
            Pattern.compile("(?:charset|encoding)\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final int DECLARATION_WINDOW = 2048;

    private SharedFixtures() {
    }

    /** The fixtures folder; skips the calling test when it is absent. */
    public static Path fixtures() {
        assumeTrue(Files.isDirectory(ROOT), "shared fixtures not found at " + ROOT.toAbsolutePath().normalize());
        return ROOT;
    }

    /** A fixture file as text, e.g. {@code read("businessinsider/2021-04-25_AlbertGaz/MMM.html")}. */
    public static String read(String relativePath) {
        Path file = fixtures().resolve(relativePath);
        try {
            return decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pages are UTF-8 (many are plain ASCII); the bytes decide, not the platform default. A byte
     * sequence that is not valid UTF-8 falls back to the charset the document declares (the CBR XML
     * says windows-1251), then to ISO-8859-1, which never fails.
     */
    static String decode(byte[] bytes) {
        if (startsWithUtf8Bom(bytes)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, declaredCharset(bytes));
        }
    }

    private static boolean startsWithUtf8Bom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf;
    }

    private static Charset declaredCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, DECLARATION_WINDOW), StandardCharsets.ISO_8859_1);
        Matcher declared = DECLARED_CHARSET.matcher(head);
        if (declared.find()) {
            try {
                return Charset.forName(declared.group(1));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                // fall through: a wrong declaration must not hide the page
            }
        }
        return StandardCharsets.ISO_8859_1;
    }
}
