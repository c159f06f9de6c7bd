package dev.kiln.models.embed;

/** Mean pooling over the attention mask and L2 normalisation, as sentence-transformers does them. */
final class Pooling {
    /** The smallest token count divided by (sentence-transformers clamps the mask sum at 1e-9). */
    private static final double MIN_COUNT = 1e-9;
    /** The smallest norm divided by (torch's {@code F.normalize} uses eps 1e-12). */
    private static final double MIN_NORM = 1e-12;

    private Pooling() {}

    /**
     * One unit vector per row: the mean of the token vectors whose mask is non-zero, divided by
     * its L2 norm. Sums are taken in double.
     *
     * @param hidden the token vectors, (B, T, H) row-major
     * @param mask the attention mask, (B, T); each token is weighted by its mask value
     */
    static float[][] meanNormalized(float[] hidden, long[] mask, int b, int t, int h) {
        if (hidden.length != (long) b * t * h || mask.length != (long) b * t) {
            throw new IllegalArgumentException("pooling expects hidden (" + b + ", " + t + ", " + h + ") and mask ("
                    + b + ", " + t + "), got " + hidden.length + " and " + mask.length + " values");
        }
        float[][] out = new float[b][h];
        double[] sum = new double[h];
        for (int i = 0; i < b; i++) {
            java.util.Arrays.fill(sum, 0);
            double count = 0;
            for (int j = 0; j < t; j++) {
                long m = mask[i * t + j];
                if (m == 0) continue;
                count += m;
                int base = (i * t + j) * h;
                for (int k = 0; k < h; k++) sum[k] += (double) m * hidden[base + k];
            }
            double norm = 0;
            for (int k = 0; k < h; k++) {
                sum[k] /= Math.max(count, MIN_COUNT);
                norm += sum[k] * sum[k];
            }
            norm = Math.max(Math.sqrt(norm), MIN_NORM);
            for (int k = 0; k < h; k++) out[i][k] = (float) (sum[k] / norm);
        }
        return out;
    }
}
