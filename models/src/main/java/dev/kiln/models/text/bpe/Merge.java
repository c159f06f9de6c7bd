package dev.kiln.models.text.bpe;

/**
 * One BPE merge rule: adjacent symbols {@code left} and {@code right} become {@code left + right}.
 *
 * @param left the left symbol
 * @param right the right symbol
 */
public record Merge(String left, String right) {
    public Merge {
        if (left == null || right == null || left.isEmpty() || right.isEmpty()) {
            throw new IllegalArgumentException("A merge needs two non-empty symbols, got '" + left + "' + '" + right + "'");
        }
    }

    /** The symbol the merge produces. */
    public String merged() { return left + right; }

    /** The merges.txt form: {@code "left right"}. */
    @Override
    public String toString() { return left + " " + right; }
}
