package dev.kiln.models.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.json.JsonValue.JsonArray;
import dev.kiln.models.json.JsonValue.JsonNumber;
import dev.kiln.models.json.JsonValue.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    private static String str(String json) {
        return JsonReader.parse(json).asString("test");
    }

    private static String errorOf(String json) {
        return assertThrows(JsonException.class, () -> JsonReader.parse(json)).getMessage();
    }

    @Test
    void literals() {
        assertEquals(new JsonValue.JsonBoolean(true), JsonReader.parse("true"));
        assertEquals(new JsonValue.JsonBoolean(false), JsonReader.parse(" false "));
        assertTrue(JsonReader.parse("\n\tnull\r\n").isNull());
    }

    @Test
    void objectKeepsOrderAndTypedAccessorsWork() {
        JsonObject o = JsonReader.parse("{\"b\": 1, \"a\": [true, null, \"x\"], \"c\": {\"d\": -2.5e3}, \"n\": null}")
                .asObject("root");
        assertEquals(List.of("b", "a", "c", "n"), List.copyOf(o.members().keySet()));
        assertEquals(1, o.getInt("b"));
        JsonArray a = o.getArray("a");
        assertEquals(3, a.size());
        assertTrue(a.get(0).asBoolean("a[0]"));
        assertTrue(a.get(1).isNull());
        assertEquals("x", a.get(2).asString("a[2]"));
        assertEquals(-2500.0, o.getObject("c").require("d").asNumber("d").doubleValue());
        assertTrue(o.has("n"));
        assertTrue(o.opt("n").isEmpty(), "a JSON null reads as absent");
        assertEquals(7, o.getInt("n", 7));
        assertEquals("dflt", o.getString("missing", "dflt"));
    }

    @Test
    void emptyContainers() {
        assertEquals(0, JsonReader.parse("{}").asObject("o").members().size());
        assertEquals(0, JsonReader.parse("[ ]").asArray("a").size());
        assertEquals(1, JsonReader.parse("[[]]").asArray("a").size());
    }

    @Test
    void lastDuplicateKeyWins() {
        assertEquals(2, JsonReader.parse("{\"k\": 1, \"k\": 2}").asObject("o").getInt("k"));
    }

    @Test
    void simpleEscapes() {
        assertEquals("\" \\ / \b \f \n \r \t", str("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
    }

    @Test
    void unicodeEscapes() {
        assertEquals("A", str("\"\\u0041\""));
        assertEquals("é", str("\"\\u00e9\""));
        assertEquals("é", str("\"\\u00E9\""));
        assertEquals("\u0000", str("\"\\u0000\""));
        assertEquals("中", str("\"\\u4E2D\""));
        assertEquals("x##y", str("\"x\\u0023\\u0023y\""));
    }

    @Test
    void surrogatePairEscapeDecodesToOneCodePoint() {
        String s = str("\"\\uD83D\\uDE00\"");
        assertEquals("😀", s);
        assertEquals(1, s.codePointCount(0, s.length()));
        assertEquals(0x1F600, s.codePointAt(0));
    }

    @Test
    void rawNonAsciiPassesThrough() {
        assertEquals("café 中文 😀 👨‍👩‍👧", str("\"café 中文 😀 👨‍👩‍👧\""));
    }

    @Test
    void utf8BytesAndBom() {
        byte[] bytes = "\uFEFF{\"k\": \"é😀\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("é😀", JsonReader.parse(bytes).asObject("o").getString("k"));
        assertThrows(JsonException.class, () -> JsonReader.parse(new byte[] {'"', (byte) 0xC3, '"'}));
    }

    @Test
    void numbersKeepTheirText() {
        JsonNumber big = JsonReader.parse("123456789012345678901234567890").asNumber("n");
        assertEquals("123456789012345678901234567890", big.text());
        assertEquals("123456789012345678901234567890", big.decimalValue().toPlainString());
        assertThrows(JsonException.class, big::longValue);
        assertEquals(-9223372036854775808L, JsonReader.parse("-9223372036854775808").asNumber("n").longValue());
        assertEquals(0, JsonReader.parse("-0").asNumber("n").intValue());
        assertEquals(0.5, JsonReader.parse("0.5").asNumber("n").doubleValue());
        assertEquals(1e-7, JsonReader.parse("1E-7").asNumber("n").doubleValue());
        assertEquals(120.0, JsonReader.parse("1.2e+2").asNumber("n").doubleValue());
        assertFalse(JsonReader.parse("1.0").asNumber("n").isIntegral());
        assertThrows(JsonException.class, () -> JsonReader.parse("1.5").asNumber("n").intValue());
        assertThrows(JsonException.class, () -> JsonReader.parse("3000000000").asNumber("n").intValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity",
        "[1,]", "[1 2]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[", "{", "]", "\"abc",
        "tru", "nul", "True", "[1] x", "// c\n1", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\u٣٣٣٣\"",
        "\"tab\there\"", "\"nl\nhere\"", "\"\\uDE00\"", "\"\\uD83D\"", "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"",
    })
    void rejectsInvalidJson(String json) {
        assertInstanceOf(IllegalArgumentException.class, assertThrows(JsonException.class, () -> JsonReader.parse(json)));
    }

    @Test
    void rawLoneSurrogateIsRejected() {
        assertTrue(errorOf("\"a\uD83D\"").contains("unpaired surrogate"));
        assertTrue(errorOf("\"a\uDE00b\"").contains("unpaired surrogate"));
    }

    @Test
    void errorsNameLineAndColumn() {
        String msg = errorOf("{\n  \"a\": 1,\n  \"b\": tru\n}");
        assertTrue(msg.contains("line 3, column 11"), msg); // where Jackson stops: after the bad token
        assertTrue(errorOf("[1,]").contains("line 1, column 4"));
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertEquals(1, JsonReader.parse(ok).asArray("a").size());
        String tooDeep = "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(errorOf(tooDeep).contains("nesting deeper"));
    }

    @Test
    void typeMismatchesNameTheMember() {
        JsonObject o = JsonReader.parse("{\"s\": \"x\", \"n\": 1}").asObject("o");
        assertEquals("member 's': expected a number, got string",
                assertThrows(JsonException.class, () -> o.getInt("s")).getMessage());
        assertEquals("missing member 'q'", assertThrows(JsonException.class, () -> o.getString("q")).getMessage());
        assertEquals("member 'n': expected an object, got number",
                assertThrows(JsonException.class, () -> o.getObject("n")).getMessage());
        assertThrows(JsonException.class, () -> JsonReader.parse("[]").asArray("a").get(0));
    }
}
