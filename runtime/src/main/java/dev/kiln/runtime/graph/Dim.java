package dev.kiln.runtime.graph;

/**
 * One dimension of a declared shape: a fixed size, a symbolic name, or unknown.
 *
 * @param value the size, or -1 when not fixed
 * @param symbol the symbolic name (e.g. {@code "batch"}), or null
 */
public record Dim(long value, String symbol) {
    /** A fixed dimension. */
    public static Dim of(long v) { return new Dim(v, null); }

    /** A symbolic dimension. */
    public static Dim symbolic(String s) { return new Dim(-1, s); }

    /** An unknown dimension. */
    public static Dim unknown() { return new Dim(-1, null); }

    /** Whether the size is fixed. */
    public boolean isFixed() { return value >= 0; }

    @Override
    public String toString() { return value >= 0 ? Long.toString(value) : symbol != null ? symbol : "?"; }
}
