package dev.kiln.models.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader for JSON text (RFC 8259) into {@link JsonValue} trees, on jackson-core's
 * streaming parser with its defaults: no comments, single quotes, trailing commas, leading zeros,
 * {@code NaN} or raw control characters in strings.
 *
 * <p>On top of Jackson it rejects unpaired surrogates (escaped or raw), so every string it returns
 * is well-formed UTF-16, and nesting deeper than {@value #MAX_DEPTH} levels. When an object
 * repeats a key, the last occurrence wins. Numbers keep their text. Errors name the line and
 * column.
 */
public final class JsonReader {
    /** Deepest nesting of arrays and objects accepted, so hostile input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 512;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES) // vocabularies: objects of 30k+ keys, each seen once
            .build();

    private JsonReader() {}

    /** Parses one JSON value from {@code text} (a leading byte-order mark is skipped). */
    public static JsonValue parse(String text) {
        if (text == null) throw new JsonException("JSON text is null");
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '\\') i = checkEscape(t, i);
        }
        try (JsonParser p = FACTORY.createParser(t)) {
            return readRoot(p);
        } catch (IOException e) {
            throw error(e);
        }
    }

    /**
     * Parses UTF-8 JSON bytes. They are decoded strictly first: Jackson's byte parser lets some
     * malformed UTF-8 through as replacement characters.
     */
    public static JsonValue parse(byte[] utf8) {
        if (utf8 == null) throw new JsonException("JSON bytes are null");
        try {
            return parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new JsonException("JSON input is not valid UTF-8: " + e.getMessage());
        }
    }

    /** Parses a UTF-8 JSON stream to its end (the stream is not closed). */
    public static JsonValue parse(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** Parses a UTF-8 JSON file. */
    public static JsonValue parse(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /**
     * Checks the escape whose backslash is at {@code i} and returns the index of its last
     * character. Jackson reads {@code \\u} digits with {@link Character#digit}, which also takes
     * non-ASCII digits such as {@code ٣}; RFC 8259 allows only {@code [0-9A-Fa-f]}. (A backslash
     * outside a string is left for Jackson to reject.)
     */
    private static int checkEscape(String t, int i) {
        if (i + 1 >= t.length() || t.charAt(i + 1) != 'u') return i + 1;
        for (int k = i + 2; k < Math.min(t.length(), i + 6); k++) {
            char c = t.charAt(k);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) throw new JsonException("JSON error: invalid hex digit in \\u escape at offset " + k);
        }
        return i + 5;
    }

    private static JsonValue readRoot(JsonParser p) throws IOException {
        if (p.nextToken() == null) throw at(p.currentLocation(), "unexpected end of input, expected a value");
        JsonValue v = read(p);
        JsonToken after = p.nextToken();
        if (after != null) throw at(p.currentTokenLocation(), "unexpected " + after.asString() + " after the value");
        return v;
    }

    /** The value starting at the parser's current token. */
    private static JsonValue read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = wellFormed(p, p.currentName());
                    p.nextToken();
                    members.put(key, read(p));
                }
                return new JsonValue.JsonObject(members);
            }
            case START_ARRAY: {
                List<JsonValue> elements = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) elements.add(read(p));
                return new JsonValue.JsonArray(elements);
            }
            case VALUE_STRING:
                return new JsonValue.JsonString(wellFormed(p, p.getText()));
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new JsonValue.JsonNumber(p.getText());
            case VALUE_TRUE:
                return new JsonValue.JsonBoolean(true);
            case VALUE_FALSE:
                return new JsonValue.JsonBoolean(false);
            case VALUE_NULL:
                return JsonValue.JsonNull.INSTANCE;
            default:
                throw at(p.currentTokenLocation(), "unexpected " + t + ", expected a value");
        }
    }

    /** {@code s} when every surrogate in it is paired; Jackson passes lone ones through. */
    private static String wellFormed(JsonParser p, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw at(p.currentTokenLocation(), "unpaired surrogate U+" + String.format("%04X", (int) c) + " in string");
            }
        }
        return s;
    }

    private static JsonException error(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return new JsonException("JSON error: nesting deeper than " + MAX_DEPTH + " levels (" + e.getMessage() + ")");
        }
        if (e instanceof JsonProcessingException j && j.getLocation() != null) return at(j.getLocation(), j.getOriginalMessage());
        return new JsonException("JSON error: " + e.getMessage());
    }

    private static JsonException at(JsonLocation where, String message) {
        return new JsonException("JSON error at line " + where.getLineNr() + ", column " + where.getColumnNr() + ": " + message);
    }
}
