package ru.sp500rub.rate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import ru.sp500rub.log.LogText;
import ru.sp500rub.model.UsdRubRate;

/**
 * Reads the USD->RUB rate out of the Bank of Russia's {@code XML_daily.asp} answer.
 *
 * <p>The answer declares windows-1251, but copies re-encoded as UTF-8 that still carry that declaration
 * exist: the ASCII-only parts we need (IDs, codes, numbers) read the same either way, so the bytes are
 * decoded by the declaration when it is trustworthy and as UTF-8 when they are valid UTF-8 with
 * non-ASCII text. DTDs and external entities are refused.
 */
public final class CbrRateParser {

    static final String USD_ID = "R01235";
    private static final DateTimeFormatter CBR_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT);
    /** A rate is a division of two decimals; 10 significant digits are more than the CBR publishes. */
    private static final MathContext RATE_PRECISION = MathContext.DECIMAL64;

    public UsdRubRate parse(byte[] xml, String source) {
        if (xml == null || xml.length == 0) {
            throw new RateUnavailableException("CBR answer from " + source + " is empty");
        }
        if (looksLikeHtml(xml)) {
            throw new RateUnavailableException("CBR answer from " + source + " is not a ValCurs document but an HTML"
                    + " page (an error or maintenance page)");
        }
        Element root = parseDocument(xml, source).getDocumentElement();
        if (!"ValCurs".equals(root.getTagName())) {
            throw new RateUnavailableException("CBR answer from " + source + " is not a ValCurs document (root <"
                    + LogText.escape(root.getTagName(), 40) + ">)");
        }
        LocalDate date = parseDate(root.getAttribute("Date"), source);
        Element usd = findUsd(root, source);
        BigDecimal value = decimal(childText(usd, "Value", source), "Value", source);
        BigDecimal nominal = decimal(childText(usd, "Nominal", source), "Nominal", source);
        if (value.signum() <= 0 || nominal.signum() <= 0) {
            throw new RateUnavailableException("CBR USD rate from " + source + " is not positive: " + value + "/" + nominal);
        }
        return new UsdRubRate(value.divide(nominal, RATE_PRECISION).stripTrailingZeros(), date, source);
    }

    /** An HTML error page: a doctype or an html element before any XML, whatever the case. */
    private static boolean looksLikeHtml(byte[] xml) {
        String head = new String(xml, 0, Math.min(xml.length, 512), StandardCharsets.ISO_8859_1)
                .replaceFirst("^\\uFEFF|^\\u00EF\\u00BB\\u00BF", "").stripLeading().toLowerCase(java.util.Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    private static Document parseDocument(byte[] xml, String source) {
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(inputFor(xml));
        } catch (SAXException | IOException e) {
            throw new RateUnavailableException("CBR answer from " + source + " is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    /**
     * Decodes the text ourselves so that a UTF-8 file declaring windows-1251 does not turn into mojibake
     * that hides nothing we need but would break on malformed sequences.
     */
    private static InputSource inputFor(byte[] xml) {
        String text = XmlText.decode(xml);
        return new InputSource(new StringReader(text));
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    private static Element findUsd(Element root, String source) {
        NodeList valutes = root.getElementsByTagName("Valute");
        Element byCharCode = null;
        for (int i = 0; i < valutes.getLength(); i++) {
            Element valute = (Element) valutes.item(i);
            if (USD_ID.equals(valute.getAttribute("ID"))) {
                return valute;
            }
            if (byCharCode == null && "USD".equals(optionalChildText(valute, "CharCode"))) {
                byCharCode = valute;
            }
        }
        if (byCharCode == null) {
            throw new RateUnavailableException("CBR answer from " + source + " has no USD rate (Valute "
                    + USD_ID + " / CharCode USD)");
        }
        return byCharCode;
    }

    private static LocalDate parseDate(String text, String source) {
        try {
            return LocalDate.parse(text.trim(), CBR_DATE);
        } catch (DateTimeParseException e) {
            throw new RateUnavailableException("CBR answer from " + source + " has no readable ValCurs Date: '" + LogText.escape(text, 40) + "'");
        }
    }

    private static String childText(Element parent, String tag, String source) {
        String text = optionalChildText(parent, tag);
        if (text == null || text.isBlank()) {
            throw new RateUnavailableException("CBR USD entry from " + source + " has no <" + tag + ">");
        }
        return text;
    }

    private static String optionalChildText(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    /** The CBR writes a decimal comma ("74,2926"). */
    private static BigDecimal decimal(String text, String what, String source) {
        try {
            if (text.length() > 40) {
                throw new NumberFormatException("longer than any rate");
            }
            return new BigDecimal(text.replace(',', '.').replace("\u00a0", "").replace(" ", ""));
        } catch (NumberFormatException e) {
            throw new RateUnavailableException("CBR USD " + what + " from " + source + " is not a number: '" + LogText.escape(text, 40) + "'");
        }
    }

    /** Charset handling for the CBR bytes, kept apart from the DOM walk. */
    static final class XmlText {
        private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

        private XmlText() {
        }

        static String decode(byte[] xml) {
            String text = isUtf8WithNonAscii(xml)
                    ? new String(xml, StandardCharsets.UTF_8)
                    : new String(xml, WINDOWS_1251);
            // The declaration names a charset we have already applied; drop it so the parser does not re-decode.
            return text.replaceFirst("^\\uFEFF?\\s*<\\?xml[^>]*\\?>", "");
        }

        private static boolean isUtf8WithNonAscii(byte[] bytes) {
            boolean nonAscii = false;
            for (byte b : bytes) {
                if (b < 0) {
                    nonAscii = true;
                    break;
                }
            }
            if (!nonAscii) {
                return false;
            }
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }
    }
}
