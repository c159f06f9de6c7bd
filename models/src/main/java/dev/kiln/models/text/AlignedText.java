package dev.kiln.models.text;

import java.util.Arrays;

/**
 * A normalized text that remembers, for each of its code points, the span of the original
 * string it came from, so tokens found in normalized text map back to original offsets.
 *
 * <p>Offsets are UTF-16 indices into the original {@code String} ({@code begin} inclusive,
 * {@code end} exclusive), the same indices {@link String#substring(int, int)} takes. A code point
 * produced by expanding one original character (a decomposition, a multi-char lowercase, the
 * spaces put around a CJK character) maps to that whole character. Instances are immutable;
 * transformations build new ones with a {@link Builder}.
 */
final class AlignedText {
    private final int[] codePoints;
    private final int[] begins;
    private final int[] ends;

    private AlignedText(int[] codePoints, int[] begins, int[] ends) {
        this.codePoints = codePoints;
        this.begins = begins;
        this.ends = ends;
    }

    /** The code points of {@code original[from, to)}, each aligned to itself. */
    static AlignedText of(String original, int from, int to) {
        Builder b = new Builder(to - from);
        int i = from;
        while (i < to) {
            int cp = original.codePointAt(i);
            int n = Character.charCount(cp);
            if (i + n > to) n = 1; // a high surrogate cut off at the end stays a lone surrogate
            if (n == 1) cp = original.charAt(i);
            b.add(cp, i, i + n);
            i += n;
        }
        return b.build();
    }

    /** The whole of {@code original}, each code point aligned to itself. */
    static AlignedText of(String original) {
        return of(original, 0, original.length());
    }

    /** The number of code points. */
    int length() {
        return codePoints.length;
    }

    /** The code point at {@code i}. */
    int codePoint(int i) {
        return codePoints[i];
    }

    /** The original begin offset of code point {@code i}. */
    int begin(int i) {
        return begins[i];
    }

    /** The original end offset of code point {@code i}. */
    int end(int i) {
        return ends[i];
    }

    /** The code points {@code [from, to)} as a string. */
    String substring(int from, int to) {
        return new String(codePoints, from, to - from);
    }

    /** The code points {@code [from, to)} as a new aligned text. */
    AlignedText slice(int from, int to) {
        return new AlignedText(
                Arrays.copyOfRange(codePoints, from, to),
                Arrays.copyOfRange(begins, from, to),
                Arrays.copyOfRange(ends, from, to));
    }

    @Override
    public String toString() {
        return substring(0, codePoints.length);
    }

    /** Appends code points with their original spans. */
    static final class Builder {
        private int[] codePoints;
        private int[] begins;
        private int[] ends;
        private int size;

        Builder(int capacity) {
            int c = Math.max(capacity, 4);
            codePoints = new int[c];
            begins = new int[c];
            ends = new int[c];
        }

        /** Adds one code point that came from original {@code [begin, end)}. */
        Builder add(int codePoint, int begin, int end) {
            if (size == codePoints.length) {
                int c = size * 2;
                codePoints = Arrays.copyOf(codePoints, c);
                begins = Arrays.copyOf(begins, c);
                ends = Arrays.copyOf(ends, c);
            }
            codePoints[size] = codePoint;
            begins[size] = begin;
            ends[size] = end;
            size++;
            return this;
        }

        AlignedText build() {
            return new AlignedText(
                    Arrays.copyOf(codePoints, size), Arrays.copyOf(begins, size), Arrays.copyOf(ends, size));
        }
    }
}
