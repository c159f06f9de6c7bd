package dev.kiln.models.classic.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One-sided (Hestenes) Jacobi SVD in double precision. Plane rotations applied to pairs of
 * columns of A make all columns mutually orthogonal; the column norms are then the singular
 * values and the accumulated rotations form V. It is slower than Golub-Kahan but simple and
 * accurate to high relative precision, which suits the small dense matrices of classic ML.
 * A tall matrix is first reduced by Householder QR, so the rotations act on its (N, N) factor R.
 */
public final class JacobiSvd {
    private static final int MAX_SWEEPS = 80;
    private static final double EPS = Math.ulp(1.0);

    private JacobiSvd() {}

    /** The thin SVD of {@code a} (left unchanged). */
    public static Svd decompose(double[][] a) {
        int m = a.length;
        if (m == 0 || a[0].length == 0) throw new IllegalArgumentException("SVD of an empty matrix");
        int n = a[0].length;
        if (m < n) {
            Svd t = decompose(transpose(a));
            return new Svd(t.v(), t.s(), t.u());
        }
        if (m > n + n / 2) return viaQr(a, m, n);
        // Columns as arrays so that dot products and rotations run along memory.
        double[][] u = transpose(a);                 // (N, M)
        double[][] v = new double[n][n];             // column j of V is v[j]
        for (int j = 0; j < n; j++) v[j][j] = 1;
        double tol = EPS * Math.max(m, 10);
        boolean converged = false;
        for (int sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
            converged = true;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = dot(u[p], u[p]);
                    double beta = dot(u[q], u[q]);
                    double gamma = dot(u[p], u[q]);
                    if (gamma == 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
                    converged = false;
                    // Choose t = tan(theta) so that the rotated columns are orthogonal:
                    // t² + 2 zeta t - 1 = 0 with zeta = (beta - alpha) / (2 gamma), smaller root.
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) t = 1;
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    rotate(u[p], u[q], c, s);
                    rotate(v[p], v[q], c, s);
                }
            }
        }
        if (!converged) throw new ArithmeticException("Jacobi SVD did not converge in " + MAX_SWEEPS + " sweeps");
        double[] sigma = new double[n];
        for (int j = 0; j < n; j++) sigma[j] = Math.sqrt(dot(u[j], u[j]));
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -sigma[j]));
        double[][] uu = new double[m][n];
        double[][] vv = new double[n][n];
        double[] ss = new double[n];
        for (int k = 0; k < n; k++) {
            int j = order[k];
            ss[k] = sigma[j];
            double inv = sigma[j] > 0 ? 1 / sigma[j] : 0;
            for (int i = 0; i < m; i++) uu[i][k] = u[j][i] * inv;
            for (int i = 0; i < n; i++) vv[i][k] = v[j][i];
        }
        return new Svd(uu, ss, vv);
    }

    // A tall A = QR: the rotations then run on the small (N, N) R, and U = Q U_R.
    private static Svd viaQr(double[][] a, int m, int n) {
        HouseholderQr qr = new HouseholderQr(a);
        Svd small = decompose(qr.r());
        double[][] u = new double[m][];
        double[] col = new double[m];
        for (int i = 0; i < m; i++) u[i] = new double[n];
        for (int k = 0; k < n; k++) {
            java.util.Arrays.fill(col, 0);
            for (int i = 0; i < n; i++) col[i] = small.u()[i][k];
            double[] qc = qr.qy(col);
            for (int i = 0; i < m; i++) u[i][k] = qc[i];
        }
        return new Svd(u, small.s(), small.v());
    }

    /** The transpose of a rectangular matrix. */
    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
        return t;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    // [x, y] <- [c x - s y, s x + c y]
    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            double b = y[i];
            x[i] = c * a - s * b;
            y[i] = s * a + c * b;
        }
    }
}
