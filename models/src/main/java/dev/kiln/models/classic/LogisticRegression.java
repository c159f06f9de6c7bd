package dev.kiln.models.classic;

import dev.kiln.models.classic.linalg.Lbfgs;
import dev.kiln.models.data.Checks;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.ValueInfo;
import java.util.List;

/**
 * L2-regularised logistic regression solved by L-BFGS. Two classes use one weight vector and
 * the logistic function; more classes use one weight row per class and softmax (multinomial).
 * Exports as ai.onnx.ml {@code LinearClassifier} with LOGISTIC or SOFTMAX post-transform.
 */
public final class LogisticRegression implements Classifier {
    private final LogisticRegressionConfig config;
    private int[] classes;
    private double[][] weights;    // (K, F): K = 1 for two classes, else K = C
    private double[] intercepts;   // (K)
    private Lbfgs.Result result;

    /** A model with {@link LogisticRegressionConfig#defaults()}. */
    public LogisticRegression() { this(LogisticRegressionConfig.defaults()); }

    /** A model with the given settings. */
    public LogisticRegression(LogisticRegressionConfig config) { this.config = config; }

    @Override
    public LogisticRegression fit(double[][] x, int[] y) {
        int f = Checks.matrix(x, "X");
        Labels labels = Labels.of(y, x.length);
        int c = labels.classes().length;
        int k = c == 2 ? 1 : c;
        Lbfgs.Objective objective = (theta, grad) -> loss(x, labels.index(), k, f, theta, grad);
        Lbfgs.Config lc = new Lbfgs.Config(10, config.maxIter(), config.tol(), 1e-15);
        Lbfgs.Result r = Lbfgs.minimize(objective, new double[k * f + k], lc);
        double[][] w = new double[k][f];
        double[] b = new double[k];
        for (int a = 0; a < k; a++) {
            System.arraycopy(r.x(), a * f, w[a], 0, f);
            b[a] = r.x()[k * f + a];
        }
        classes = labels.classes();
        weights = w;
        intercepts = b;
        result = r;
        return this;
    }

    // Mean cross-entropy + (λ/2)|W|². theta = [W (K, F) row-major, b (K)].
    private double loss(double[][] x, int[] y, int k, int f, double[] theta, double[] grad) {
        int n = x.length;
        java.util.Arrays.fill(grad, 0);
        double total = 0;
        double[] z = new double[k];
        double[] dz = new double[k];
        for (int i = 0; i < n; i++) {
            double[] row = x[i];
            for (int a = 0; a < k; a++) {
                double s = config.fitIntercept() ? theta[k * f + a] : 0;
                for (int j = 0; j < f; j++) s += theta[a * f + j] * row[j];
                z[a] = s;
            }
            if (k == 1) {
                // -log p(y) = softplus(z) - t z with t = 1 for the second class.
                double t = y[i];
                total += softplus(z[0]) - t * z[0];
                dz[0] = sigmoid(z[0]) - t;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) max = Math.max(max, v);
                double sum = 0;
                for (int a = 0; a < k; a++) sum += Math.exp(z[a] - max);
                double lse = max + Math.log(sum);
                total += lse - z[y[i]];
                for (int a = 0; a < k; a++) dz[a] = Math.exp(z[a] - lse) - (a == y[i] ? 1 : 0);
            }
            for (int a = 0; a < k; a++) {
                double d = dz[a] / n;
                for (int j = 0; j < f; j++) grad[a * f + j] += d * row[j];
                if (config.fitIntercept()) grad[k * f + a] += d;
            }
        }
        double penalty = 0;
        for (int p = 0; p < k * f; p++) {
            penalty += theta[p] * theta[p];
            grad[p] += config.l2() * theta[p];
        }
        return total / n + 0.5 * config.l2() * penalty;
    }

    private static double softplus(double z) { return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)); }

    private static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }

    @Override
    public double[][] predictProba(double[][] x) {
        Labels.requireFitted(weights != null, this);
        int f = weights[0].length;
        Checks.matrix(x, "X", f);
        int k = weights.length;
        double[][] out = new double[x.length][classes.length];
        double[] z = new double[k];
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < k; a++) {
                double s = intercepts[a];
                for (int j = 0; j < f; j++) s += weights[a][j] * x[i][j];
                z[a] = s;
            }
            if (k == 1) {
                double p = sigmoid(z[0]);
                out[i][0] = 1 - p;
                out[i][1] = p;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) max = Math.max(max, v);
                double sum = 0;
                for (int a = 0; a < k; a++) sum += out[i][a] = Math.exp(z[a] - max);
                for (int a = 0; a < k; a++) out[i][a] /= sum;
            }
        }
        return out;
    }

    @Override
    public int[] predictLabels(double[][] x) {
        double[][] p = predictProba(x);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) out[i] = classes[Labels.argmax(p[i])];
        return out;
    }

    @Override
    public int[] classes() {
        Labels.requireFitted(classes != null, this);
        return classes.clone();
    }

    /** Weights (K, F): one row for two classes (the second class's log-odds), else one per class. */
    public double[][] weights() {
        Labels.requireFitted(weights != null, this);
        double[][] w = new double[weights.length][];
        for (int a = 0; a < w.length; a++) w[a] = weights[a].clone();
        return w;
    }

    /** Intercepts (K). */
    public double[] intercepts() {
        Labels.requireFitted(intercepts != null, this);
        return intercepts.clone();
    }

    /** The optimiser's outcome (iterations, final loss, gradient, convergence). */
    public Lbfgs.Result optimizerResult() { return result; }

    /** The settings. */
    public LogisticRegressionConfig config() { return config; }

    @Override
    public LogisticRegression unfitted() { return new LogisticRegression(config); }

    @Override
    public int inputFeatures() {
        Labels.requireFitted(weights != null, this);
        return weights[0].length;
    }

    @Override
    public List<ValueInfo> appendOnnx(OnnxBuilder b, String x) {
        Labels.requireFitted(weights != null, this);
        int f = weights[0].length;
        // Two classes: rows (-w, w) with LOGISTIC give [σ(-z), σ(z)] = [1 - p, p]. (The
        // one-row binary form makes ORT emit [1 - z, z] without the logistic.)
        double[][] rows = weights.length == 1 ? new double[][] {negate(weights[0]), weights[0]} : weights;
        double[] bias = weights.length == 1 ? new double[] {-intercepts[0], intercepts[0]} : intercepts;
        double[] flat = new double[rows.length * f];
        for (int a = 0; a < rows.length; a++) System.arraycopy(rows[a], 0, flat, a * f, f);
        List<String> out = b.node(OnnxBuilder.ML, "LinearClassifier", List.of(x), List.of("label", "probabilities"),
                Attribute.ofFloats("coefficients", OnnxBuilder.floats(flat)),
                Attribute.ofFloats("intercepts", OnnxBuilder.floats(bias)),
                Attribute.ofInts("classlabels_ints", OnnxBuilder.longs(classes)),
                Attribute.of("post_transform", weights.length == 1 ? "LOGISTIC" : "SOFTMAX"));
        return List.of(OnnxBuilder.labelOutput(out.get(0)), OnnxBuilder.floatOutput(out.get(1), classes.length));
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = -v[i];
        return out;
    }

    @Override
    public String toString() {
        return "LogisticRegression(l2=" + config.l2() + (classes == null ? ", unfitted)" : ", " + classes.length + " classes)");
    }
}
