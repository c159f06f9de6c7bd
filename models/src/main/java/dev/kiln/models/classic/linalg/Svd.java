package dev.kiln.models.classic.linalg;

/**
 * A thin singular value decomposition {@code A = U diag(s) Vᵀ} of an (M, N) matrix, with
 * R = min(M, N) singular values sorted in decreasing order.
 *
 * @param u (M, R) left singular vectors as rows of U (a column is zero where s is zero)
 * @param s (R) singular values, non-negative, decreasing
 * @param v (N, R) right singular vectors as rows of V
 */
public record Svd(double[][] u, double[] s, double[][] v) {
    /** Number of singular values. */
    public int rank() { return s.length; }

    /** The k largest singular triplets. */
    public Svd truncate(int k) {
        if (k < 1 || k > s.length) throw new IllegalArgumentException("k is " + k + ", expected 1.." + s.length);
        return new Svd(firstColumns(u, k), java.util.Arrays.copyOf(s, k), firstColumns(v, k));
    }

    /** The right singular vector j (column j of V) as a new array. */
    public double[] rightVector(int j) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i][j];
        return out;
    }

    private static double[][] firstColumns(double[][] a, int k) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = java.util.Arrays.copyOf(a[i], k);
        return out;
    }
}
