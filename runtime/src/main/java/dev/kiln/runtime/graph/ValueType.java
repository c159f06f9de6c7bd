package dev.kiln.runtime.graph;

import dev.kiln.runtime.tensor.DType;
import java.util.List;

/**
 * The declared type of a graph value: a tensor with element type and optional shape, a sequence
 * of some type, or an optional of some type.
 *
 * @param kind tensor, sequence or optional
 * @param elemType tensor element type (tensors only; null when unknown)
 * @param dims declared dims (tensors only; null when the rank is unknown)
 * @param inner element type of a sequence or optional
 */
public record ValueType(Kind kind, DType elemType, List<Dim> dims, ValueType inner) {
    /** What kind of value. */
    public enum Kind { TENSOR, SEQUENCE, OPTIONAL, MAP, UNKNOWN }

    /** A tensor type. */
    public static ValueType tensor(DType elem, List<Dim> dims) {
        return new ValueType(Kind.TENSOR, elem, dims == null ? null : List.copyOf(dims), null);
    }

    /** A sequence type. */
    public static ValueType sequence(ValueType inner) { return new ValueType(Kind.SEQUENCE, null, null, inner); }

    /** An optional type. */
    public static ValueType optional(ValueType inner) { return new ValueType(Kind.OPTIONAL, null, null, inner); }

    /** An unknown type. */
    public static ValueType unknown() { return new ValueType(Kind.UNKNOWN, null, null, null); }

    /** The tensor element type found at the bottom of sequences/optionals, or null. */
    public DType innermostElemType() {
        ValueType t = this;
        while (t != null && t.kind != Kind.TENSOR) t = t.inner;
        return t == null ? null : t.elemType;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TENSOR -> (elemType == null ? "?" : elemType.toString()) + (dims == null ? "[*]" : dims.toString());
            case SEQUENCE -> "sequence<" + inner + ">";
            case OPTIONAL -> "optional<" + inner + ">";
            default -> kind.name().toLowerCase();
        };
    }
}
