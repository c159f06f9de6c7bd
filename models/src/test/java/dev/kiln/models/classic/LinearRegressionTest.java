package dev.kiln.models.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.classic.LinearRegressionConfig.Solver;
import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Datasets;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearRegressionTest {
    private static final Dataset DIABETES = Datasets.diabetes();
    private static final Split SPLIT = Splits.trainTest(DIABETES.rows(), 0.2, 42);

    /** |Aᵀ(Aθ - y)| / (|A|_F |y|) with A = [X 1] and θ = [w; b]: 0 at the least-squares optimum. */
    private static double relativeGradient(double[][] x, double[] y, LinearRegression m) {
        double[] w = m.coefficients();
        double[] g = new double[w.length + 1];
        double aNorm = 0;
        double yNorm = 0;
        for (int i = 0; i < x.length; i++) {
            double r = m.intercept() - y[i];
            for (int j = 0; j < w.length; j++) r += x[i][j] * w[j];
            for (int j = 0; j < w.length; j++) {
                g[j] += x[i][j] * r;
                aNorm += x[i][j] * x[i][j];
            }
            g[w.length] += r;
            aNorm += 1;
            yNorm += y[i] * y[i];
        }
        double gn = 0;
        for (double v : g) gn += v * v;
        return Math.sqrt(gn) / (Math.sqrt(aNorm) * Math.sqrt(yNorm));
    }

    @Test
    void closedFormReachesTheLeastSquaresOptimumAndGradientDescentComesClose() {
        Dataset train = SPLIT.trainOf(DIABETES);
        Dataset test = SPLIT.testOf(DIABETES);
        LinearRegression qr = new LinearRegression().fit(train.x(), train.y());
        LinearRegression svd = new LinearRegression(LinearRegressionConfig.defaults().withSolver(Solver.SVD)).fit(train.x(), train.y());
        LinearRegression gd = new LinearRegression(LinearRegressionConfig.defaults().withSolver(Solver.GRADIENT_DESCENT))
                .fit(train.x(), train.y());
        double gradQr = relativeGradient(train.x(), train.y(), qr);
        double gradSvd = relativeGradient(train.x(), train.y(), svd);
        double r2Train = qr.score(train.x(), train.y());
        double r2Test = qr.score(test.x(), test.y());
        double r2GdTrain = gd.score(train.x(), train.y());
        double r2GdTest = gd.score(test.x(), test.y());
        System.out.printf("diabetes OLS: relative gradient QR %.2e, SVD %.2e; R² train %.6f test %.6f; "
                        + "GD (%d iterations) R² train %.6f test %.6f, |ΔR²| train %.1e test %.1e, relative gradient %.1e%n",
                gradQr, gradSvd, r2Train, r2Test, gd.iterations(), r2GdTrain, r2GdTest,
                Math.abs(r2Train - r2GdTrain), Math.abs(r2Test - r2GdTest), relativeGradient(train.x(), train.y(), gd));
        assertTrue(gradQr < 1e-12, "QR gradient " + gradQr);
        assertTrue(gradSvd < 1e-12, "SVD gradient " + gradSvd);
        for (int j = 0; j < 10; j++) assertEquals(qr.coefficients()[j], svd.coefficients()[j], 1e-8 * Math.abs(qr.coefficients()[j]) + 1e-8);
        assertEquals(r2Train, r2GdTrain, 1e-3);
        assertEquals(r2Test, r2GdTest, 1e-3);
        assertTrue(r2Test > 0.3, "test R² " + r2Test);
    }

    @Test
    void ridgeByQrMatchesRidgeBySvdAndShrinks() {
        Dataset train = SPLIT.trainOf(DIABETES);
        LinearRegressionConfig ridge = LinearRegressionConfig.defaults().withL2(0.1);
        LinearRegression a = new LinearRegression(ridge).fit(train.x(), train.y());
        LinearRegression b = new LinearRegression(ridge.withSolver(Solver.SVD)).fit(train.x(), train.y());
        LinearRegression ols = new LinearRegression().fit(train.x(), train.y());
        double na = 0;
        double no = 0;
        for (int j = 0; j < 10; j++) {
            assertEquals(a.coefficients()[j], b.coefficients()[j], 1e-8 * Math.abs(a.coefficients()[j]) + 1e-8);
            na += a.coefficients()[j] * a.coefficients()[j];
            no += ols.coefficients()[j] * ols.coefficients()[j];
        }
        assertTrue(na < no, "ridge must shrink the coefficients");
    }

    @Test
    void exactFitOnNoiselessData() {
        double[][] x = {{1, 2}, {2, 0}, {3, 1}, {4, 5}};
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) y[i] = 3 * x[i][0] - 2 * x[i][1] + 7;
        LinearRegression m = new LinearRegression().fit(x, y);
        assertEquals(3, m.coefficients()[0], 1e-12);
        assertEquals(-2, m.coefficients()[1], 1e-12);
        assertEquals(7, m.intercept(), 1e-12);
    }

    @Test
    void rejectsBadInput() {
        LinearRegression m = new LinearRegression();
        assertThrows(IllegalArgumentException.class, () -> m.fit(new double[0][], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> m.fit(new double[][] {{1}, {Double.NaN}}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> m.fit(new double[][] {{1}, {2, 3}}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> m.fit(new double[][] {{1}, {2}}, new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(new double[][] {{1, 2}, {2, 4}, {3, 6}}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("rank deficient"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new LinearRegression().predict(new double[][] {{1}}));
        m.fit(new double[][] {{1}, {2}}, new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[][] {{1, 2}}));
    }

    @Test
    void exportAgreesWithOnnxRuntime() {
        Dataset train = SPLIT.trainOf(DIABETES);
        Dataset test = SPLIT.testOf(DIABETES);
        LinearRegression m = new LinearRegression().fit(train.x(), train.y());
        double[][] want = OnnxAgreement.column(m.predict(test.x()));
        for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(m.toOnnx(), test.x()).entrySet()) {
            double err = OnnxAgreement.assertClose(e.getKey(), want, e.getValue().get("variable"));
            System.out.println("diabetes LinearRegressor " + e.getKey() + " max scaled error " + OnnxAgreement.fmt(err));
        }
    }
}
