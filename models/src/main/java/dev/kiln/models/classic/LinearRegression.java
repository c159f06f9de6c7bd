package dev.kiln.models.classic;

import dev.kiln.models.classic.linalg.HouseholderQr;
import dev.kiln.models.classic.linalg.JacobiSvd;
import dev.kiln.models.classic.linalg.Svd;
import dev.kiln.models.data.Checks;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.ValueInfo;
import java.util.Arrays;
import java.util.List;

/**
 * Ordinary least squares and ridge regression, {@code y ≈ X w + b}. The closed-form solvers
 * (Householder QR, SVD) work on centred data and never form {@code XᵀX}; gradient descent is
 * offered for comparison and for teaching. Exports as ai.onnx.ml {@code LinearRegressor}.
 */
public final class LinearRegression implements Regressor {
    private final LinearRegressionConfig config;
    private double[] coef;
    private double intercept;
    private int iterations;

    /** A model with {@link LinearRegressionConfig#defaults()}. */
    public LinearRegression() { this(LinearRegressionConfig.defaults()); }

    /** A model with the given settings. */
    public LinearRegression(LinearRegressionConfig config) { this.config = config; }

    @Override
    public LinearRegression fit(double[][] x, double[] y) {
        int f = Checks.matrix(x, "X");
        Checks.targets(y, "y", x.length);
        int n = x.length;
        double[] xm = new double[f];
        double ym = 0;
        if (config.fitIntercept()) {
            for (double[] row : x) for (int j = 0; j < f; j++) xm[j] += row[j] / n;
            for (double v : y) ym += v / n;
        }
        double[][] xc = new double[n][f];
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) xc[i][j] = x[i][j] - xm[j];
            yc[i] = y[i] - ym;
        }
        iterations = 0;
        coef = switch (config.solver()) {
            case QR -> solveQr(xc, yc);
            case SVD -> solveSvd(xc, yc);
            case GRADIENT_DESCENT -> solveGd(xc, yc);
        };
        double b = ym;
        for (int j = 0; j < f; j++) b -= xm[j] * coef[j];
        intercept = b;
        return this;
    }

    private double[] solveQr(double[][] xc, double[] yc) {
        int n = xc.length;
        int f = xc[0].length;
        if (config.l2() == 0) {
            if (n < f) {
                throw new IllegalArgumentException("X has " + n + " rows and " + f + " columns; QR needs rows >= columns "
                        + "(use the SVD solver or an L2 penalty)");
            }
            return new HouseholderQr(xc).solve(yc);
        }
        // Ridge as least squares: [X; √λ I] w ≈ [y; 0].
        double[][] a = Arrays.copyOf(xc, n + f);
        double[] b = Arrays.copyOf(yc, n + f);
        double root = Math.sqrt(config.l2());
        for (int j = 0; j < f; j++) {
            a[n + j] = new double[f];
            a[n + j][j] = root;
        }
        return new HouseholderQr(a).solve(b);
    }

    private double[] solveSvd(double[][] xc, double[] yc) {
        Svd svd = JacobiSvd.decompose(xc);
        int f = xc[0].length;
        double[] w = new double[f];
        double cutoff = 1e-12 * Math.max(xc.length, f) * (svd.s().length > 0 ? svd.s()[0] : 0);
        for (int k = 0; k < svd.rank(); k++) {
            double s = svd.s()[k];
            if (config.l2() == 0 && s <= cutoff) continue;
            double uy = 0;
            for (int i = 0; i < xc.length; i++) uy += svd.u()[i][k] * yc[i];
            double factor = s / (s * s + config.l2()) * uy;
            for (int j = 0; j < f; j++) w[j] += factor * svd.v()[j][k];
        }
        return w;
    }

    // Minimises J(w) = (|Xw - y|² + λ|w|²) / N by w -= step ∇J, ∇J = 2 (Xᵀ(Xw - y) + λ w) / N.
    private double[] solveGd(double[][] xc, double[] yc) {
        int n = xc.length;
        int f = xc[0].length;
        double lipschitz = 2 * (largestEigenvalueOfGram(xc) * 1.01 + config.l2()) / n;
        double step = config.learningRate() > 0 ? config.learningRate() : 1 / lipschitz;
        double[] w = new double[f];
        double[] g = new double[f];
        double g0 = -1;
        for (int it = 0; it < config.maxIter(); it++) {
            gradient(xc, yc, w, g);
            double norm = 0;
            for (double v : g) norm += v * v;
            norm = Math.sqrt(norm);
            if (g0 < 0) g0 = norm;
            iterations = it;
            if (norm <= config.tol() * g0 || norm == 0) return w;
            for (int j = 0; j < f; j++) w[j] -= step * g[j];
            if (!Double.isFinite(w[0])) {
                throw new ArithmeticException("Gradient descent diverged; lower the learning rate (was " + step + ")");
            }
        }
        iterations = config.maxIter();
        return w;
    }

    private void gradient(double[][] xc, double[] yc, double[] w, double[] g) {
        int n = xc.length;
        Arrays.fill(g, 0);
        for (int i = 0; i < n; i++) {
            double r = -yc[i];
            double[] row = xc[i];
            for (int j = 0; j < w.length; j++) r += row[j] * w[j];
            for (int j = 0; j < w.length; j++) g[j] += row[j] * r;
        }
        for (int j = 0; j < w.length; j++) g[j] = 2 * (g[j] + config.l2() * w[j]) / n;
    }

    // Power iteration on XᵀX: its largest eigenvalue σ_max².
    private static double largestEigenvalueOfGram(double[][] x) {
        int f = x[0].length;
        double[] v = new double[f];
        Arrays.fill(v, 1 / Math.sqrt(f));
        double lambda = 0;
        for (int it = 0; it < 200; it++) {
            double[] xv = new double[x.length];
            for (int i = 0; i < x.length; i++) for (int j = 0; j < f; j++) xv[i] += x[i][j] * v[j];
            double[] next = new double[f];
            for (int i = 0; i < x.length; i++) for (int j = 0; j < f; j++) next[j] += x[i][j] * xv[i];
            double norm = 0;
            for (double e : next) norm += e * e;
            norm = Math.sqrt(norm);
            if (norm == 0) return 0;
            for (int j = 0; j < f; j++) v[j] = next[j] / norm;
            if (Math.abs(norm - lambda) <= 1e-10 * norm) return norm;
            lambda = norm;
        }
        return lambda;
    }

    @Override
    public double[] predict(double[][] x) {
        Labels.requireFitted(coef != null, this);
        Checks.matrix(x, "X", coef.length);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = intercept;
            for (int j = 0; j < coef.length; j++) s += x[i][j] * coef[j];
            out[i] = s;
        }
        return out;
    }

    /** The coefficients w (F). */
    public double[] coefficients() {
        Labels.requireFitted(coef != null, this);
        return coef.clone();
    }

    /** The intercept b. */
    public double intercept() {
        Labels.requireFitted(coef != null, this);
        return intercept;
    }

    /** Gradient-descent iterations run by the last fit (0 for the closed-form solvers). */
    public int iterations() { return iterations; }

    /** The settings. */
    public LinearRegressionConfig config() { return config; }

    @Override
    public LinearRegression unfitted() { return new LinearRegression(config); }

    @Override
    public int inputFeatures() {
        Labels.requireFitted(coef != null, this);
        return coef.length;
    }

    @Override
    public List<ValueInfo> appendOnnx(OnnxBuilder b, String x) {
        Labels.requireFitted(coef != null, this);
        List<String> out = b.node(OnnxBuilder.ML, "LinearRegressor", List.of(x), List.of("variable"),
                Attribute.ofFloats("coefficients", OnnxBuilder.floats(coef)),
                Attribute.ofFloats("intercepts", (float) intercept),
                Attribute.of("targets", 1L));
        return List.of(OnnxBuilder.floatOutput(out.get(0), 1));
    }

    @Override
    public String toString() {
        return "LinearRegression(" + config.solver() + ", l2=" + config.l2()
                + (coef == null ? ", unfitted)" : ", " + coef.length + " features)");
    }
}
