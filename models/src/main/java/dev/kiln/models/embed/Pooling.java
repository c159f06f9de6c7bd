package dev.kiln.models.embed;

/**
 * How the token vectors of one text become one vector: the mean over the attention mask (what
 * sentence-transformers' all-MiniLM-L6-v2 does) or the vector of the first token ({@code [CLS]}).
 */
public enum Pooling {
    /** The mean of the token vectors whose attention mask is non-zero, each weighted by its mask value. */
    MEAN,
    /** The vector of the first token ({@code [CLS]} for BERT-style models). */
    CLS;

    /** The smallest token count divided by (sentence-transformers clamps the mask sum at 1e-9). */
    private static final double MIN_COUNT = 1e-9;
    /** The smallest norm divided by (torch's {@code F.normalize} uses eps 1e-12). */
    private static final double MIN_NORM = 1e-12;

    // Letters: B texts, T tokens per text (padded), H hidden size.

    /**
     * One pooled vector per row, not normalised. Sums are taken in double.
     *
     * @param hidden the token vectors, (B, T, H) row-major
     * @param mask the attention mask, (B, T)
     */
    float[][] pool(float[] hidden, long[] mask, int b, int t, int h) {
        check(hidden, mask, b, t, h);
        float[][] out = new float[b][h];
        double[] row = new double[h];
        for (int i = 0; i < b; i++) {
            poolRow(hidden, mask, i, t, h, row);
            for (int k = 0; k < h; k++) out[i][k] = (float) row[k];
        }
        return out;
    }

    /** As {@link #pool}, then each row divided by its L2 norm (computed in double before rounding to float). */
    float[][] poolNormalized(float[] hidden, long[] mask, int b, int t, int h) {
        check(hidden, mask, b, t, h);
        float[][] out = new float[b][h];
        double[] row = new double[h];
        for (int i = 0; i < b; i++) {
            poolRow(hidden, mask, i, t, h, row);
            double norm = 0;
            for (int k = 0; k < h; k++) norm += row[k] * row[k];
            norm = Math.max(Math.sqrt(norm), MIN_NORM);
            for (int k = 0; k < h; k++) out[i][k] = (float) (row[k] / norm);
        }
        return out;
    }

    /** Row {@code i} pooled into {@code row} (length H). */
    private void poolRow(float[] hidden, long[] mask, int i, int t, int h, double[] row) {
        java.util.Arrays.fill(row, 0);
        if (this == CLS) {
            for (int k = 0; k < h; k++) row[k] = hidden[i * t * h + k];
            return;
        }
        double count = 0;
        for (int j = 0; j < t; j++) {
            long m = mask[i * t + j];
            if (m == 0) continue;
            count += m;
            int base = (i * t + j) * h;
            for (int k = 0; k < h; k++) row[k] += (double) m * hidden[base + k];
        }
        for (int k = 0; k < h; k++) row[k] /= Math.max(count, MIN_COUNT);
    }

    private static void check(float[] hidden, long[] mask, int b, int t, int h) {
        if (hidden.length != (long) b * t * h || mask.length != (long) b * t) {
            throw new IllegalArgumentException("pooling expects hidden (" + b + ", " + t + ", " + h + ") and mask ("
                    + b + ", " + t + "), got " + hidden.length + " and " + mask.length + " values");
        }
    }
}
