package dev.kiln.models.data;

/** Row selection helpers for feature matrices and target vectors. */
public final class Rows {
    private Rows() {}

    /** The rows of {@code x} at {@code idx} (row arrays are shared). */
    public static double[][] select(double[][] x, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = x[idx[i]];
        return out;
    }

    /** The values of {@code y} at {@code idx}. */
    public static double[] select(double[] y, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = y[idx[i]];
        return out;
    }

    /** The values of {@code y} at {@code idx}. */
    public static int[] select(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = y[idx[i]];
        return out;
    }
}
