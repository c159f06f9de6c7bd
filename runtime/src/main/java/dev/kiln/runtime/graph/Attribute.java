package dev.kiln.runtime.graph;

import dev.kiln.runtime.tensor.Tensor;
import java.util.List;

/**
 * A typed node attribute.
 *
 * @param name attribute name
 * @param kind attribute type
 * @param value the value: {@code Long}, {@code Float}, {@code String}, {@link Tensor},
 *     {@link Graph}, {@link ValueType}, or a {@code List} of those for the list kinds
 */
public record Attribute(String name, Kind kind, Object value) {
    /** Attribute types, mirroring {@code AttributeProto.AttributeType}. */
    public enum Kind { FLOAT, INT, STRING, TENSOR, GRAPH, TYPE, FLOATS, INTS, STRINGS, TENSORS, GRAPHS, TYPES }

    /** An int attribute. */
    public static Attribute of(String name, long v) { return new Attribute(name, Kind.INT, v); }

    /** A float attribute. */
    public static Attribute of(String name, float v) { return new Attribute(name, Kind.FLOAT, v); }

    /** A string attribute. */
    public static Attribute of(String name, String v) { return new Attribute(name, Kind.STRING, v); }

    /** A tensor attribute. */
    public static Attribute of(String name, Tensor v) { return new Attribute(name, Kind.TENSOR, v); }

    /** A graph attribute. */
    public static Attribute of(String name, Graph v) { return new Attribute(name, Kind.GRAPH, v); }

    /** An ints attribute. */
    public static Attribute ofInts(String name, long... v) {
        Long[] boxed = new Long[v.length];
        for (int i = 0; i < v.length; i++) boxed[i] = v[i];
        return new Attribute(name, Kind.INTS, List.of(boxed));
    }

    /** A floats attribute. */
    public static Attribute ofFloats(String name, float... v) {
        Float[] boxed = new Float[v.length];
        for (int i = 0; i < v.length; i++) boxed[i] = v[i];
        return new Attribute(name, Kind.FLOATS, List.of(boxed));
    }

    /** A strings attribute. */
    public static Attribute ofStrings(String name, String... v) {
        return new Attribute(name, Kind.STRINGS, List.of(v));
    }
}
