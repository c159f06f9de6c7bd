package dev.kiln.models.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Small helpers for writing JSON text, on jackson-core's escaping. */
public final class JsonWriter {
    private JsonWriter() {}

    /** {@code v} as a JSON string literal, quotes included. */
    public static String quote(String v) {
        if (v == null) throw new JsonException("cannot quote a null string");
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(v)) + '"';
    }
}
