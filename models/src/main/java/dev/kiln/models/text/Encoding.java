package dev.kiln.models.text;

import java.util.Arrays;

/**
 * The model inputs for one text (or text pair), all arrays of the same length.
 *
 * <p>The arrays are shared, not copied: treat them as read-only. {@code equals} compares
 * contents.
 *
 * @param ids the vocabulary ids ({@code input_ids})
 * @param typeIds the segment of each token, 0 for the first sequence and 1 for the second
 *     ({@code token_type_ids})
 * @param attentionMask 1 for real tokens, 0 for padding ({@code attention_mask})
 * @param specialTokensMask 1 for tokens the post-processor or padding added, 0 otherwise
 * @param tokens the token strings
 * @param begins for each token, the UTF-16 index in the original text where it starts
 *     (0 for added special tokens and padding)
 * @param ends for each token, the UTF-16 index in the original text where it ends, exclusive
 *     (0 for added special tokens and padding)
 */
public record Encoding(
        long[] ids,
        long[] typeIds,
        long[] attentionMask,
        long[] specialTokensMask,
        String[] tokens,
        int[] begins,
        int[] ends) {

    /** Checks all arrays have the same length. */
    public Encoding {
        int n = ids.length;
        if (typeIds.length != n || attentionMask.length != n || specialTokensMask.length != n
                || tokens.length != n || begins.length != n || ends.length != n) {
            throw new IllegalArgumentException("Encoding arrays differ in length");
        }
    }

    /** The number of tokens, padding included. */
    public int length() {
        return ids.length;
    }

    /** The part of {@code text} that token {@code i} covers (empty for added tokens and padding). */
    public String coveredText(String text, int i) {
        return text.substring(begins[i], ends[i]);
    }

    /** A copy padded to {@code length} with {@code padding}'s token; this one if already that long. */
    Encoding pad(int length, Padding padding) {
        int n = ids.length;
        if (n >= length) return this;
        int offset = padding.side() == Side.LEFT ? length - n : 0; // where the real tokens go
        int padFrom = padding.side() == Side.LEFT ? 0 : n;
        long[] id = new long[length];
        long[] type = new long[length];
        long[] mask = new long[length];
        long[] special = new long[length];
        String[] tok = new String[length];
        int[] b = new int[length];
        int[] e = new int[length];
        System.arraycopy(ids, 0, id, offset, n);
        System.arraycopy(typeIds, 0, type, offset, n);
        System.arraycopy(attentionMask, 0, mask, offset, n);
        System.arraycopy(specialTokensMask, 0, special, offset, n);
        System.arraycopy(tokens, 0, tok, offset, n);
        System.arraycopy(begins, 0, b, offset, n);
        System.arraycopy(ends, 0, e, offset, n);
        for (int i = padFrom; i < padFrom + length - n; i++) {
            id[i] = padding.padId();
            type[i] = padding.padTypeId();
            special[i] = 1;
            tok[i] = padding.padToken();
        }
        return new Encoding(id, type, mask, special, tok, b, e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding other
                && Arrays.equals(ids, other.ids)
                && Arrays.equals(typeIds, other.typeIds)
                && Arrays.equals(attentionMask, other.attentionMask)
                && Arrays.equals(specialTokensMask, other.specialTokensMask)
                && Arrays.equals(tokens, other.tokens)
                && Arrays.equals(begins, other.begins)
                && Arrays.equals(ends, other.ends);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(begins);
    }

    @Override
    public String toString() {
        return "Encoding" + Arrays.toString(tokens) + " ids=" + Arrays.toString(ids);
    }
}
