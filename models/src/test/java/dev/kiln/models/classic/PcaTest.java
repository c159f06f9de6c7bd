package dev.kiln.models.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.classic.linalg.JacobiSvd;
import dev.kiln.models.classic.linalg.Svd;
import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Datasets;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PcaTest {
    private static final Dataset DIGITS = Datasets.digits();

    /** Eigenvalues of a symmetric matrix by cyclic two-sided Jacobi rotations (an independent reference). */
    static double[] symmetricEigenvalues(double[][] s) {
        int n = s.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = s[i].clone();
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
            if (off < 1e-30) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < n; k++) {          // A <- A J (columns p, q)
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {          // A <- Jᵀ A (rows p, q)
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                }
            }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) ev[i] = a[i][i];
        Arrays.sort(ev);
        for (int i = 0; i < n / 2; i++) {
            double t = ev[i];
            ev[i] = ev[n - 1 - i];
            ev[n - 1 - i] = t;
        }
        return ev;
    }

    private static double[][] centred(double[][] x) {
        int f = x[0].length;
        double[] m = new double[f];
        for (double[] row : x) for (int j = 0; j < f; j++) m[j] += row[j] / x.length;
        double[][] c = new double[x.length][f];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < f; j++) c[i][j] = x[i][j] - m[j];
        return c;
    }

    @Test
    void digitsVarianceRatiosMatchDirectSvdAndCovarianceEigenvalues() {
        Pca pca = new Pca(PcaConfig.defaults()).fit(DIGITS.x());
        double[] ratio = pca.explainedVarianceRatio();
        double[][] xc = centred(DIGITS.x());
        // Reference 1: a direct SVD of the centred data.
        Svd svd = JacobiSvd.decompose(xc);
        double total = Arrays.stream(svd.s()).map(s -> s * s).sum();
        // Reference 2: eigenvalues of the covariance XcᵀXc / (N - 1), by a different algorithm.
        int f = xc[0].length;
        double[][] cov = new double[f][f];
        for (double[] row : xc) for (int i = 0; i < f; i++) for (int j = 0; j < f; j++) cov[i][j] += row[i] * row[j] / (xc.length - 1);
        double[] eig = symmetricEigenvalues(cov);
        double eigTotal = Arrays.stream(eig).sum();
        double maxSvd = 0;
        double maxEig = 0;
        for (int c = 0; c < f; c++) {
            maxSvd = Math.max(maxSvd, Math.abs(ratio[c] - svd.s()[c] * svd.s()[c] / total));
            maxEig = Math.max(maxEig, Math.abs(ratio[c] - Math.max(0, eig[c]) / eigTotal));
            assertEquals(eig[c], pca.explainedVariance()[c], 1e-8 * eig[0]);
        }
        double orth = orthonormalityError(pca.components());
        System.out.printf("digits PCA: first ratios %.6f %.6f %.6f; max |ratio diff| vs direct SVD %.2e, vs covariance eigenvalues %.2e; "
                + "max |CCᵀ - I| %.2e%n", ratio[0], ratio[1], ratio[2], maxSvd, maxEig, orth);
        assertTrue(maxSvd < 1e-6);
        assertTrue(maxEig < 1e-6);
        assertTrue(orth < 1e-9, "orthonormality " + orth);
        assertEquals(1.0, Arrays.stream(ratio).sum(), 1e-12);
    }

    static double orthonormalityError(double[][] c) {
        double worst = 0;
        for (int a = 0; a < c.length; a++) {
            for (int b = 0; b < c.length; b++) {
                double d = 0;
                for (int j = 0; j < c[a].length; j++) d += c[a][j] * c[b][j];
                worst = Math.max(worst, Math.abs(d - (a == b ? 1 : 0)));
            }
        }
        return worst;
    }

    @Test
    void whitenedProjectionHasUnitVarianceAndAgreesWithOnnx() {
        Split split = Splits.trainTest(DIGITS.rows(), 0.2, 42);
        Dataset train = split.trainOf(DIGITS);
        Dataset test = split.testOf(DIGITS);
        Pca pca = new Pca(new PcaConfig(10, true)).fit(train.x());
        double[][] z = pca.transform(train.x());
        for (int c = 0; c < 10; c++) {
            double s = 0;
            for (double[] row : z) s += row[c] * row[c];
            assertEquals(1.0, s / (z.length - 1), 1e-9);
        }
        Pca plain = new Pca(10).fit(train.x());
        for (Pca p : new Pca[] {plain, pca}) {
            for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(p.toOnnx(), test.x()).entrySet()) {
                double err = OnnxAgreement.assertClose(e.getKey(), p.transform(test.x()), e.getValue().values().iterator().next());
                System.out.println("digits " + p + " " + e.getKey() + " max scaled error " + OnnxAgreement.fmt(err));
            }
        }
    }

    @Test
    void jacobiSvdReconstructsAWideMatrix() {
        double[][] a = {{1, 2, 3, 4}, {2, 0, 1, -1}, {0, 1, 1, 1}};
        Svd svd = JacobiSvd.decompose(a);
        assertEquals(3, svd.rank());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += svd.u()[i][k] * svd.s()[k] * svd.v()[j][k];
                assertEquals(a[i][j], s, 1e-12);
            }
        }
        double[][] ut = JacobiSvd.transpose(svd.u());
        assertTrue(orthonormalityError(ut) < 1e-12);
        assertTrue(svd.s()[0] >= svd.s()[1] && svd.s()[1] >= svd.s()[2]);
    }

    @Test
    void truncatedSvdIsTheBestLowRankApproximation() {
        double[][] a = Arrays.copyOf(DIGITS.x(), 200);
        Svd full = JacobiSvd.decompose(a);
        Svd top = TruncatedSvd.decompose(a, 5);
        double err = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                double s = 0;
                for (int k = 0; k < 5; k++) s += top.u()[i][k] * top.s()[k] * top.v()[j][k];
                err += (a[i][j] - s) * (a[i][j] - s);
            }
        }
        double tail = 0;
        for (int k = 5; k < full.rank(); k++) tail += full.s()[k] * full.s()[k];
        // Eckart-Young: the squared Frobenius error is the sum of the discarded σ².
        assertEquals(tail, err, 1e-8 * tail);
        TruncatedSvd t = new TruncatedSvd(5).fit(a);
        for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(t.toOnnx(), a).entrySet()) {
            OnnxAgreement.assertClose(e.getKey(), t.transform(a), e.getValue().values().iterator().next());
        }
        assertThrows(IllegalArgumentException.class, () -> TruncatedSvd.decompose(a, 65));
    }
}
