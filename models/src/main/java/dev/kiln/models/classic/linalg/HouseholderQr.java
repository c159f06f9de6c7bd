package dev.kiln.models.classic.linalg;

/**
 * QR decomposition {@code A = QR} of an (M, N) matrix with M >= N by Householder reflections,
 * for least-squares solves that never form {@code AᵀA}. Q is kept as its N reflectors.
 */
public final class HouseholderQr {
    private final int m;
    private final int n;
    private final double[][] r;      // (N, N) upper triangle
    private final double[][] v;      // reflector k: v[k] of length M - k, H_k = I - beta_k v vᵀ
    private final double[] beta;

    /** Decomposes {@code a}, which is left unchanged. */
    public HouseholderQr(double[][] a) {
        m = a.length;
        n = a[0].length;
        if (m < n) throw new IllegalArgumentException("QR needs at least as many rows as columns, got " + m + " x " + n);
        double[][] w = new double[m][];
        for (int i = 0; i < m; i++) w[i] = a[i].clone();
        v = new double[n][];
        beta = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) norm = Math.hypot(norm, w[i][k]);
            double[] vk = new double[m - k];
            for (int i = k; i < m; i++) vk[i - k] = w[i][k];
            // Reflect x = w[k:, k] onto alpha e1 with alpha = -sign(x0) |x| (no cancellation in v0).
            double alpha = w[k][k] >= 0 ? -norm : norm;
            vk[0] -= alpha;
            double vv = 0;
            for (double e : vk) vv += e * e;
            v[k] = vk;
            beta[k] = vv == 0 ? 0 : 2 / vv;
            if (beta[k] != 0) {
                // W[k:, k:] -= beta v (vᵀ W[k:, k:]), row by row so that memory is read in order.
                double[] s = new double[n];
                for (int i = k; i < m; i++) {
                    double vi = vk[i - k];
                    double[] row = w[i];
                    for (int j = k; j < n; j++) s[j] += vi * row[j];
                }
                for (int i = k; i < m; i++) {
                    double vi = beta[k] * vk[i - k];
                    double[] row = w[i];
                    for (int j = k; j < n; j++) row[j] -= vi * s[j];
                }
            }
        }
        r = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) r[i][j] = w[i][j];
    }

    /** The (N, N) upper-triangular factor (a copy). */
    public double[][] r() {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = r[i].clone();
        return out;
    }

    /** {@code Qᵀ b} for a vector of length M. */
    public double[] qtb(double[] b) {
        if (b.length != m) throw new IllegalArgumentException("b has " + b.length + " values, expected " + m);
        double[] y = b.clone();
        for (int k = 0; k < n; k++) {
            if (beta[k] == 0) continue;
            double s = 0;
            for (int i = k; i < m; i++) s += v[k][i - k] * y[i];
            s *= beta[k];
            for (int i = k; i < m; i++) y[i] -= s * v[k][i - k];
        }
        return y;
    }

    /** {@code Q y} for a vector of length M (Q = H_0 H_1 ... H_{N-1}). */
    public double[] qy(double[] y) {
        if (y.length != m) throw new IllegalArgumentException("y has " + y.length + " values, expected " + m);
        double[] out = y.clone();
        for (int k = n - 1; k >= 0; k--) {
            if (beta[k] == 0) continue;
            double s = 0;
            for (int i = k; i < m; i++) s += v[k][i - k] * out[i];
            s *= beta[k];
            for (int i = k; i < m; i++) out[i] -= s * v[k][i - k];
        }
        return out;
    }

    /**
     * Whether R's diagonal has no entry below {@code rtol} times its largest entry, i.e. A has
     * full column rank to that tolerance.
     */
    public boolean fullRank(double rtol) {
        double max = 0;
        for (int i = 0; i < n; i++) max = Math.max(max, Math.abs(r[i][i]));
        for (int i = 0; i < n; i++) if (Math.abs(r[i][i]) <= rtol * max || max == 0) return false;
        return true;
    }

    /**
     * The least-squares solution of {@code A x ≈ b}: back-substitution of {@code R x = (Qᵀb)[:N]}.
     *
     * @throws IllegalArgumentException when A is rank deficient (relative tolerance 1e-12)
     */
    public double[] solve(double[] b) {
        if (!fullRank(1e-12)) {
            throw new IllegalArgumentException("The matrix is rank deficient (collinear or constant columns); "
                    + "use the SVD solver or an L2 penalty");
        }
        double[] y = qtb(b);
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int j = i + 1; j < n; j++) s -= r[i][j] * x[j];
            x[i] = s / r[i][i];
        }
        return x;
    }
}
