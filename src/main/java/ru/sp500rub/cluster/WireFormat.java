package ru.sp500rub.cluster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import ru.sp500rub.log.LogText;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.CompanyResult;
import ru.sp500rub.model.CompanyTask;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.PriceRange;
import ru.sp500rub.parse.SiteOrigin;

/**
 * Company tasks and results as they cross the broker: small JSON text messages, versioned
 * ({@code "v": 1}), money and ratios as decimal strings so that no value passes through a double.
 *
 * <p>A task is a run id and an index row (page URL, name, 1-year growth); a result is the run id, the
 * same row, and the parsed quote (USD, not converted) or why the page failed, with the CPU time its parse
 * took. Whoever collects a result takes the company's row from its own run, never from the wire: the
 * row here is an echo, for the log.
 *
 * <p>A message read from the broker is outside input. Reading checks everything before anything is
 * built: its size, the version and kind, that no field is missing, repeated or unknown, every field's
 * form and range, and that the page URL is on the site (it is never used as a path). Anything else is
 * refused with a {@link RejectedMessageException} whose reason quotes the message only escaped and
 * bounded. Writing applies the same checks, so a sender finds out at once. Text the service does not
 * control (an index row's name, a failure's reason) is bounded on the way out, never refused.
 *
 * <p>Every instance of a cluster must speak the same version: a message of another version is refused.
 */
public final class WireFormat {

    public static final int VERSION = 1;
    /** A task is about 200 characters and a result about 400; ten times that is still small. */
    public static final int MAX_MESSAGE_CHARS = 4096;
    public static final int MAX_REASON_CHARS = 500;

    private static final int MAX_URL_CHARS = 1000;
    /** As the company page parser allows. */
    private static final int MAX_NAME_CHARS = 200;
    private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,11}");
    private static final long MAX_PARSE_NANOS = 600_000_000_000L;
    /** What RunRegistry makes (20261201T101530Z-3f9a), with room. */
    public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** Any figure the page parsers read (at most 40 characters). */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    private static final int MAX_DECIMAL_CHARS = 40;

    private static final Set<String> TASK_FIELDS = Set.of("v", "kind", "runId", "url", "name", "growth");
    private static final Set<String> RESULT_FIELDS =
            Set.of("v", "kind", "runId", "url", "name", "growth", "quote", "failure", "parseNanos");
    private static final Set<String> QUOTE_FIELDS = Set.of("code", "name", "priceUsd", "pe", "low52w", "high52w");

    private final ObjectMapper json;
    private final SiteOrigin site;

    public WireFormat(SiteOrigin site) {
        this.site = site;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(4).maxStringLength(MAX_MESSAGE_CHARS).maxNumberLength(20).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.json = new ObjectMapper(factory);
    }

    // ---------------------------------------------------------------- tasks

    public String writeTask(CompanyTask task) {
        ObjectNode node = header("task", task.runId(), task.listed());
        return checkedOnTheWayOut(node, this::readTask);
    }

    public CompanyTask readTask(String text) throws RejectedMessageException {
        ObjectNode node = parse(text, "task", TASK_FIELDS);
        return new CompanyTask(runId(node), listed(node));
    }

    // ---------------------------------------------------------------- results

    public String writeResult(CompanyResult result) {
        ObjectNode node = header("result", result.runId(), result.listed());
        result.quote().ifPresent(quote -> {
            ObjectNode q = node.putObject("quote");
            q.put("code", quote.code());
            q.put("name", quote.name());
            q.put("priceUsd", quote.priceUsd().toPlainString());
            quote.peRatio().ifPresent(pe -> q.put("pe", pe.toPlainString()));
            quote.yearRange().ifPresent(range -> {
                q.put("low52w", range.low().toPlainString());
                q.put("high52w", range.high().toPlainString());
            });
        });
        result.failure().ifPresent(reason -> node.put("failure", LogText.escape(reason, MAX_REASON_CHARS)));
        node.put("parseNanos", Math.max(0, Math.min(MAX_PARSE_NANOS, result.parseNanos())));
        return checkedOnTheWayOut(node, this::readResult);
    }

    public CompanyResult readResult(String text) throws RejectedMessageException {
        ObjectNode node = parse(text, "result", RESULT_FIELDS);
        String runId = runId(node);
        IndexEntry listed = listed(node);
        boolean hasQuote = node.has("quote");
        if (hasQuote == node.has("failure")) {
            throw new RejectedMessageException("a result has either \"quote\" or \"failure\"");
        }
        long parseNanos = wholeNumber(node, "parseNanos", 0, MAX_PARSE_NANOS);
        if (!hasQuote) {
            String reason = text(node, "failure", 1, MAX_REASON_CHARS);
            return new CompanyResult(runId, listed, Optional.empty(), Optional.of(reason), parseNanos);
        }
        return new CompanyResult(runId, listed, Optional.of(quote(node.get("quote"))), Optional.empty(), parseNanos);
    }

    private CompanyQuote quote(JsonNode value) throws RejectedMessageException {
        if (!value.isObject()) {
            throw new RejectedMessageException("\"quote\" must be an object");
        }
        ObjectNode q = (ObjectNode) value;
        onlyKnownFields(q, QUOTE_FIELDS, "quote.");
        String code = requiredText(q, "code");
        if (!TICKER.matcher(code).matches()) {
            throw new RejectedMessageException("quote.code is not a ticker: \"" + LogText.escape(code, 20) + "\"");
        }
        String name = text(q, "name", 1, MAX_NAME_CHARS);
        BigDecimal price = decimal(q, "priceUsd");
        if (price.signum() <= 0) {
            throw new RejectedMessageException("quote.priceUsd must be positive");
        }
        Optional<BigDecimal> pe = optionalDecimal(q, "pe");
        if (q.has("low52w") != q.has("high52w")) {
            throw new RejectedMessageException("quote.low52w and quote.high52w come together or not at all");
        }
        Optional<PriceRange> range = q.has("low52w")
                ? Optional.of(new PriceRange(decimal(q, "low52w"), decimal(q, "high52w"))) : Optional.empty();
        return new CompanyQuote(code, name, price, pe, range);
    }

    // ---------------------------------------------------------------- the envelope

    private ObjectNode header(String kind, String runId, IndexEntry listed) {
        ObjectNode node = json.createObjectNode();
        node.put("v", VERSION);
        node.put("kind", kind);
        node.put("runId", runId);
        node.put("url", listed.pageUrl().toString());
        node.put("name", bounded(listed.name(), MAX_NAME_CHARS));
        listed.growthPercent().ifPresent(growth -> node.put("growth", growth.toPlainString()));
        return node;
    }

    /** An index row's name is the site's text: only cut and stripped of control characters, it is only an echo. */
    private static String bounded(String text, int max) {
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private IndexEntry listed(ObjectNode node) throws RejectedMessageException {
        return new IndexEntry(text(node, "name", 0, MAX_NAME_CHARS), url(node), optionalDecimal(node, "growth"));
    }

    private ObjectNode parse(String text, String kind, Set<String> fields) throws RejectedMessageException {
        if (text == null || text.isEmpty()) {
            throw new RejectedMessageException("empty message");
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            throw new RejectedMessageException("message of " + text.length() + " characters, over the limit of "
                    + MAX_MESSAGE_CHARS);
        }
        JsonNode root;
        try (JsonParser parser = json.createParser(text)) {
            root = json.readTree(parser);
            if (parser.nextToken() != null) {
                throw new RejectedMessageException("trailing content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new RejectedMessageException("not JSON: " + LogText.escape(e.getOriginalMessage(), 120));
        } catch (java.io.IOException e) {
            throw new RejectedMessageException("not readable: " + LogText.escape(String.valueOf(e.getMessage()), 120));
        }
        if (root == null || !root.isObject()) {
            throw new RejectedMessageException("not a JSON object");
        }
        ObjectNode node = (ObjectNode) root;
        JsonNode version = node.get("v");
        if (version == null || !version.isInt()) {
            throw new RejectedMessageException("no wire version \"v\"");
        }
        if (version.intValue() != VERSION) {
            throw new RejectedMessageException("wire version " + version.intValue() + ", this instance reads " + VERSION);
        }
        JsonNode actualKind = node.get("kind");
        if (actualKind == null || !actualKind.isTextual() || !actualKind.textValue().equals(kind)) {
            throw new RejectedMessageException("not a " + kind + " (\"kind\" is "
                    + (actualKind == null ? "missing" : LogText.escape(actualKind.toString(), 20)) + ")");
        }
        onlyKnownFields(node, fields, "");
        return node;
    }

    private static void onlyKnownFields(ObjectNode node, Set<String> fields, String prefix) throws RejectedMessageException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new RejectedMessageException("unknown field \"" + prefix + LogText.escape(name, 30) + "\"");
            }
        }
    }

    private static String runId(ObjectNode node) throws RejectedMessageException {
        String runId = requiredText(node, "runId");
        if (!RUN_ID.matcher(runId).matches()) {
            throw new RejectedMessageException("runId must be 1-64 letters, digits or ._:- , got \""
                    + LogText.escape(runId, 64) + "\"");
        }
        return runId;
    }

    private URI url(ObjectNode node) throws RejectedMessageException {
        String text = requiredText(node, "url");
        if (text.length() > MAX_URL_CHARS) {
            throw new RejectedMessageException("url over " + MAX_URL_CHARS + " characters");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new RejectedMessageException("url is not a URI: \"" + LogText.escape(text, 80) + "\"");
        }
        if (!url.isAbsolute() || url.getRawUserInfo() != null || url.getRawFragment() != null || !site.contains(url)) {
            throw new RejectedMessageException("url is not a page of " + site + ": \"" + LogText.escape(text, 80) + "\"");
        }
        return url;
    }

    private static String requiredText(ObjectNode node, String field) throws RejectedMessageException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new RejectedMessageException("missing \"" + field + "\"");
        }
        if (!value.isTextual()) {
            throw new RejectedMessageException("\"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    /** Text without control characters, of a bounded length. */
    private static String text(ObjectNode node, String field, int min, int max) throws RejectedMessageException {
        String text = requiredText(node, field);
        if (text.length() < min || text.length() > max) {
            throw new RejectedMessageException("\"" + field + "\" must be " + min + "-" + max + " characters, has "
                    + text.length());
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new RejectedMessageException("\"" + field + "\" holds control characters");
        }
        return text;
    }

    private static BigDecimal decimal(ObjectNode node, String field) throws RejectedMessageException {
        String text = requiredText(node, field);
        if (text.length() > MAX_DECIMAL_CHARS || !DECIMAL.matcher(text).matches()) {
            throw new RejectedMessageException("\"" + field + "\" must be a decimal like -12.34, got \""
                    + LogText.escape(text, 30) + "\"");
        }
        return new BigDecimal(text);
    }

    private static Optional<BigDecimal> optionalDecimal(ObjectNode node, String field) throws RejectedMessageException {
        return node.has(field) ? Optional.of(decimal(node, field)) : Optional.empty();
    }

    private static long wholeNumber(ObjectNode node, String field, long min, long max) throws RejectedMessageException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new RejectedMessageException("missing \"" + field + "\"");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw new RejectedMessageException("\"" + field + "\" must be a whole number " + min + "-" + max);
        }
        return value.longValue();
    }

    // ---------------------------------------------------------------- writing

    private interface Reader {
        Object read(String text) throws RejectedMessageException;
    }

    private String checkedOnTheWayOut(ObjectNode node, Reader reader) {
        String text;
        try {
            text = json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a message", e);
        }
        try {
            reader.read(text);
        } catch (RejectedMessageException e) {
            throw new IllegalArgumentException("would send a message the other side refuses: " + e.getMessage());
        }
        return text;
    }
}
