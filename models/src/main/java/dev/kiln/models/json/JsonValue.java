package dev.kiln.models.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed JSON value: an object, array, string, number, boolean or null.
 *
 * <p>Typed accessors ({@link JsonObject#getString}, {@link JsonNumber#intValue}, ...) throw
 * {@link JsonException} naming the member and the expected type when the document has another
 * shape, so callers read a configuration file without casts or null checks.
 */
public sealed interface JsonValue {
    /** The JSON type name used in error messages: object, array, string, number, boolean, null. */
    String typeName();

    /** This value as an object, or an error naming {@code what}. */
    default JsonObject asObject(String what) {
        if (this instanceof JsonObject o) return o;
        throw new JsonException(what + ": expected an object, got " + typeName());
    }

    /** This value as an array, or an error naming {@code what}. */
    default JsonArray asArray(String what) {
        if (this instanceof JsonArray a) return a;
        throw new JsonException(what + ": expected an array, got " + typeName());
    }

    /** This value as a string, or an error naming {@code what}. */
    default String asString(String what) {
        if (this instanceof JsonString s) return s.value();
        throw new JsonException(what + ": expected a string, got " + typeName());
    }

    /** This value as a number, or an error naming {@code what}. */
    default JsonNumber asNumber(String what) {
        if (this instanceof JsonNumber n) return n;
        throw new JsonException(what + ": expected a number, got " + typeName());
    }

    /** This value as a boolean, or an error naming {@code what}. */
    default boolean asBoolean(String what) {
        if (this instanceof JsonBoolean b) return b.value();
        throw new JsonException(what + ": expected a boolean, got " + typeName());
    }

    /** Whether this is the JSON literal {@code null}. */
    default boolean isNull() {
        return this instanceof JsonNull;
    }

    /**
     * This value as plain Java objects: objects become {@code LinkedHashMap<String, Object>},
     * arrays {@code List<Object>}, integral numbers that fit {@code Long}, other numbers
     * {@code Double}, booleans {@code Boolean}, and null {@code null}.
     */
    default Object toPlain() {
        if (this instanceof JsonObject o) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) m.put(e.getKey(), e.getValue().toPlain());
            return m;
        }
        if (this instanceof JsonArray a) {
            java.util.List<Object> l = new java.util.ArrayList<>(a.elements().size());
            for (JsonValue v : a.elements()) l.add(v.toPlain());
            return l;
        }
        if (this instanceof JsonString str) return str.value();
        if (this instanceof JsonNumber n) {
            if (n.isIntegral()) {
                try {
                    return Long.parseLong(n.text());
                } catch (NumberFormatException e) {
                    return n.doubleValue();
                }
            }
            return n.doubleValue();
        }
        if (this instanceof JsonBoolean b) return b.value();
        return null;
    }

    /** A JSON object; members keep their document order. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        /** Wraps a copy of {@code members}, keeping their order. */
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public String typeName() {
            return "object";
        }

        /** Whether the member is present (a present {@code null} counts). */
        public boolean has(String key) {
            return members.containsKey(key);
        }

        /** The member, or empty when absent or JSON null. */
        public Optional<JsonValue> opt(String key) {
            JsonValue v = members.get(key);
            return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
        }

        /** The member, which must be present and not null. */
        public JsonValue require(String key) {
            return opt(key).orElseThrow(() -> new JsonException("missing member '" + key + "'"));
        }

        /** A string member, which must be present. */
        public String getString(String key) {
            return require(key).asString("member '" + key + "'");
        }

        /** A string member, or {@code def} when absent or null. */
        public String getString(String key, String def) {
            return opt(key).map(v -> v.asString("member '" + key + "'")).orElse(def);
        }

        /** A boolean member, or {@code def} when absent or null. */
        public boolean getBoolean(String key, boolean def) {
            return opt(key).map(v -> v.asBoolean("member '" + key + "'")).orElse(def);
        }

        /** An int member, or {@code def} when absent or null. */
        public int getInt(String key, int def) {
            return opt(key).map(v -> v.asNumber("member '" + key + "'").intValue()).orElse(def);
        }

        /** An int member, which must be present. */
        public int getInt(String key) {
            return require(key).asNumber("member '" + key + "'").intValue();
        }

        /** An object member, which must be present. */
        public JsonObject getObject(String key) {
            return require(key).asObject("member '" + key + "'");
        }

        /** An array member, which must be present. */
        public JsonArray getArray(String key) {
            return require(key).asArray("member '" + key + "'");
        }
    }

    /** A JSON array. */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        /** Wraps a copy of {@code elements}. */
        public JsonArray {
            elements = List.copyOf(elements);
        }

        @Override
        public String typeName() {
            return "array";
        }

        /** The number of elements. */
        public int size() {
            return elements.size();
        }

        /** The element at {@code i}. */
        public JsonValue get(int i) {
            if (i < 0 || i >= elements.size()) {
                throw new JsonException("array index " + i + " out of range [0, " + elements.size() + ")");
            }
            return elements.get(i);
        }
    }

    /** A JSON string, already unescaped. */
    record JsonString(String value) implements JsonValue {
        @Override
        public String typeName() {
            return "string";
        }
    }

    /**
     * A JSON number, kept as its source text so that integers of any size stay exact.
     *
     * @param text the literal as written, validated against the JSON number grammar
     */
    record JsonNumber(String text) implements JsonValue {
        @Override
        public String typeName() {
            return "number";
        }

        /** Whether the literal has no fraction and no exponent. */
        public boolean isIntegral() {
            return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        }

        /** The exact value as a long; an error if it has a fraction, exponent or overflows. */
        public long longValue() {
            if (!isIntegral()) throw new JsonException("expected an integer, got " + text);
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new JsonException("integer " + text + " does not fit in 64 bits");
            }
        }

        /** The exact value as an int; an error if it has a fraction, exponent or overflows. */
        public int intValue() {
            long v = longValue();
            if (v != (int) v) throw new JsonException("integer " + text + " does not fit in 32 bits");
            return (int) v;
        }

        /** The value rounded to the nearest double. */
        public double doubleValue() {
            return Double.parseDouble(text);
        }

        /** The exact decimal value. */
        public BigDecimal decimalValue() {
            return new BigDecimal(text);
        }
    }

    /** A JSON boolean. */
    record JsonBoolean(boolean value) implements JsonValue {
        @Override
        public String typeName() {
            return "boolean";
        }
    }

    /** The JSON literal {@code null}. */
    record JsonNull() implements JsonValue {
        /** The one instance the reader returns. */
        public static final JsonNull INSTANCE = new JsonNull();

        @Override
        public String typeName() {
            return "null";
        }
    }
}
