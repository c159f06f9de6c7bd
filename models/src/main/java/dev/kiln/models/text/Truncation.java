package dev.kiln.models.text;

/**
 * How encodings are cut to a maximum length. The length counts the special tokens the
 * post-processor adds ({@code [CLS]}, {@code [SEP]}), which are never cut: a truncated single
 * sequence still ends in {@code [SEP]}. Tokens cut off are dropped (no overflow windows).
 *
 * @param maxLength the longest encoding, special tokens included
 * @param strategy which sequence of a pair loses tokens
 * @param side the end tokens are cut from
 */
public record Truncation(int maxLength, Strategy strategy, Side side) {
    /** Which sequence of a pair is cut. */
    public enum Strategy {
        /** Cut the longer sequence first, so both end up as even as possible. */
        LONGEST_FIRST,
        /** Cut only the first sequence. */
        ONLY_FIRST,
        /** Cut only the second sequence. */
        ONLY_SECOND
    }

    /** Checks the arguments. */
    public Truncation {
        if (maxLength < 0) throw new IllegalArgumentException("truncation max_length must be >= 0, got " + maxLength);
        if (strategy == null || side == null) throw new IllegalArgumentException("truncation strategy and side are required");
    }

    /** Longest-first truncation from the right to {@code maxLength}. */
    public static Truncation of(int maxLength) {
        return new Truncation(maxLength, Strategy.LONGEST_FIRST, Side.RIGHT);
    }
}
