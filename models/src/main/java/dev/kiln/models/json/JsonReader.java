package dev.kiln.models.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader for JSON text (RFC 8259).
 *
 * <p>It accepts exactly one value surrounded by optional whitespace: objects, arrays, strings
 * with every escape ({@code \" \\ \/ \b \f \n \r \t \\uXXXX}, surrogate pairs included), numbers,
 * {@code true}, {@code false} and {@code null}. It rejects what the RFC rejects (trailing commas,
 * comments, single quotes, leading zeros, raw control characters in strings, ...) and also
 * unpaired surrogate escapes, so every string it returns is well-formed UTF-16. When an object
 * repeats a key, the last occurrence wins. Errors name the line and column.
 */
public final class JsonReader {
    /** Deepest nesting of arrays and objects accepted, so hostile input cannot overflow the stack. */
    public static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /** Parses one JSON value from {@code text}. */
    public static JsonValue parse(String text) {
        JsonReader r = new JsonReader(text);
        if (r.pos < text.length() && text.charAt(r.pos) == '\uFEFF') r.pos++;
        r.skipWhitespace();
        JsonValue v = r.readValue();
        r.skipWhitespace();
        if (r.pos != text.length()) throw r.error("unexpected " + r.describeCurrent() + " after the value");
        return v;
    }

    /** Parses UTF-8 JSON bytes; malformed UTF-8 is an error. */
    public static JsonValue parse(byte[] utf8) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
            return parse(s);
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

    private JsonValue readValue() {
        if (pos >= text.length()) throw error("unexpected end of input, expected a value");
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '"':
                return new JsonValue.JsonString(readString());
            case 't':
                expectLiteral("true");
                return new JsonValue.JsonBoolean(true);
            case 'f':
                expectLiteral("false");
                return new JsonValue.JsonBoolean(false);
            case 'n':
                expectLiteral("null");
                return JsonValue.JsonNull.INSTANCE;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return readNumber();
                throw error("unexpected " + describeCurrent() + ", expected a value");
        }
    }

    private JsonValue.JsonObject readObject() {
        enter();
        pos++; // '{'
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return new JsonValue.JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("unexpected " + describeCurrent() + ", expected a member name string");
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') break;
            if (c != ',') {
                pos--;
                throw error("unexpected " + describeCurrent() + " in object, expected ',' or '}'");
            }
        }
        depth--;
        return new JsonValue.JsonObject(members);
    }

    private JsonValue.JsonArray readArray() {
        enter();
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return new JsonValue.JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') break;
            if (c != ',') {
                pos--;
                throw error("unexpected " + describeCurrent() + " in array, expected ',' or ']'");
            }
        }
        depth--;
        return new JsonValue.JsonArray(elements);
    }

    private String readString() {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) throw error("raw control character U+" + hex4(c) + " in string, it must be escaped");
            if (Character.isSurrogate(c)) {
                checkRawSurrogate(c);
                pos += Character.isHighSurrogate(c) ? 2 : 1;
                continue;
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) sb = new StringBuilder();
            sb.append(text, runStart, pos);
            pos++; // backslash
            if (pos >= text.length()) throw error("unterminated escape sequence");
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> readUnicodeEscape(sb);
                default -> {
                    pos--;
                    throw error("invalid escape '\\" + e + "'");
                }
            }
            runStart = pos;
        }
    }

    /** A raw (unescaped) surrogate must be a high surrogate directly followed by a low one. */
    private void checkRawSurrogate(char c) {
        boolean paired = Character.isHighSurrogate(c)
                && pos + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(pos + 1));
        if (!paired) throw error("unpaired surrogate U+" + hex4(c) + " in string");
    }

    /** Reads the 4 hex digits after {@code \\u}, and a following low-surrogate escape when needed. */
    private void readUnicodeEscape(StringBuilder sb) {
        int escapeStart = pos - 2;
        char c = (char) readHex4();
        if (Character.isLowSurrogate(c)) {
            pos = escapeStart;
            throw error("unpaired low surrogate escape \\u" + hex4(c));
        }
        if (Character.isHighSurrogate(c)) {
            boolean hasLow = pos + 1 < text.length() && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u';
            if (!hasLow) {
                pos = escapeStart;
                throw error("high surrogate escape \\u" + hex4(c) + " is not followed by a low surrogate escape");
            }
            pos += 2;
            char low = (char) readHex4();
            if (!Character.isLowSurrogate(low)) {
                pos = escapeStart;
                throw error("high surrogate escape \\u" + hex4(c) + " is followed by \\u" + hex4(low)
                        + ", which is not a low surrogate");
            }
            sb.append(c).append(low);
            return;
        }
        sb.append(c);
    }

    private int readHex4() {
        if (pos + 4 > text.length()) throw error("truncated \\u escape, expected 4 hex digits");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char h = text.charAt(pos);
            int d;
            if (h >= '0' && h <= '9') d = h - '0';
            else if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
            else throw error("invalid hex digit " + describeCurrent() + " in \\u escape");
            v = v * 16 + d;
            pos++;
        }
        return v;
    }

    /** Validates {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} and keeps the literal text. */
    private JsonValue.JsonNumber readNumber() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) throw error("leading zero in number");
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            throw error("unexpected " + describeCurrent() + " in number, expected a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) throw error("unexpected " + describeCurrent() + " after decimal point, expected a digit");
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw error("unexpected " + describeCurrent() + " in exponent, expected a digit");
            while (isDigit(peek())) pos++;
        }
        return new JsonValue.JsonNumber(text.substring(start, pos));
    }

    private void expectLiteral(String word) {
        if (!text.startsWith(word, pos)) throw error("unexpected " + describeCurrent() + ", expected '" + word + "'");
        pos += word.length();
    }

    private void expect(char c) {
        if (peek() != c) throw error("unexpected " + describeCurrent() + ", expected '" + c + "'");
        pos++;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    /** The current char, or NUL past the end (NUL cannot start or continue any token). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String describeCurrent() {
        if (pos >= text.length()) return "end of input";
        char c = text.charAt(pos);
        if (c < 0x20 || c == 0x7F) return "character U+" + hex4(c);
        return "'" + (Character.isHighSurrogate(c) ? text.substring(pos, Math.min(pos + 2, text.length())) : String.valueOf(c)) + "'";
    }

    private JsonException error(String message) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(pos, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonException("JSON error at line " + line + ", column " + (end - lineStart + 1) + ": " + message);
    }

    private static String hex4(int c) {
        return String.format("%04X", c);
    }
}
