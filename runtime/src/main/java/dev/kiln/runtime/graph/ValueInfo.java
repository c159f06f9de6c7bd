package dev.kiln.runtime.graph;

/**
 * A named, typed graph value (an input, output or intermediate with declared type).
 *
 * @param name value name
 * @param type declared type
 * @param doc doc string, may be empty
 */
public record ValueInfo(String name, ValueType type, String doc) {
    public ValueInfo {
        doc = doc == null ? "" : doc;
    }

    /** A value info without doc string. */
    public static ValueInfo of(String name, ValueType type) { return new ValueInfo(name, type, ""); }
}
