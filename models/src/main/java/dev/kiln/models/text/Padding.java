package dev.kiln.models.text;

/**
 * How encodings are padded: to the longest in the batch, or to a fixed length. Padding
 * positions get {@code padId}, {@code padTypeId}, attention mask 0, special-token mask 1 and
 * offsets (0, 0). An encoding already longer than the target is left as it is.
 *
 * @param fixedLength the length to pad to, or 0 to pad to the longest encoding of the batch
 * @param side the end padding is added to
 * @param padToMultipleOf when &gt; 0, the target length is rounded up to a multiple of it
 * @param padId the id of the padding token
 * @param padTypeId the type id of padding positions
 * @param padToken the padding token string
 */
public record Padding(int fixedLength, Side side, int padToMultipleOf, int padId, int padTypeId, String padToken) {
    /** Checks the arguments. */
    public Padding {
        if (fixedLength < 0) throw new IllegalArgumentException("padding length must be >= 0, got " + fixedLength);
        if (padToMultipleOf < 0) throw new IllegalArgumentException("pad_to_multiple_of must be >= 0, got " + padToMultipleOf);
        if (side == null || padToken == null) throw new IllegalArgumentException("padding side and pad token are required");
    }

    /** Right padding to the longest encoding of the batch with token {@code padToken} of id {@code padId}. */
    public static Padding batchLongest(int padId, String padToken) {
        return new Padding(0, Side.RIGHT, 0, padId, 0, padToken);
    }

    /** Whether this pads to the longest encoding of the batch rather than a fixed length. */
    public boolean isBatchLongest() {
        return fixedLength == 0;
    }

    /** The length a batch whose longest encoding has {@code longest} tokens is padded to. */
    int targetLength(int longest) {
        int target = isBatchLongest() ? longest : fixedLength;
        if (padToMultipleOf > 0 && target % padToMultipleOf != 0) target += padToMultipleOf - target % padToMultipleOf;
        return target;
    }
}
