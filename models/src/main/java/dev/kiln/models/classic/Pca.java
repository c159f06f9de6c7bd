package dev.kiln.models.classic;

import dev.kiln.models.classic.linalg.JacobiSvd;
import dev.kiln.models.classic.linalg.Svd;
import dev.kiln.models.data.Checks;
import java.util.List;

/**
 * Principal component analysis by the SVD of the centred data {@code Xc = U S Vᵀ}: the
 * components are the rows of Vᵀ, the explained variances {@code s² / (N - 1)}. Each component's
 * sign is fixed so that its largest-magnitude entry is positive. Exports as Sub + MatMul.
 */
public final class Pca implements Transformer {
    private final PcaConfig config;
    private double[] mean;
    private double[][] components;        // (K, F), orthonormal rows
    private double[] singular;            // (K)
    private double[] variance;            // (K)
    private double[] ratio;               // (K)

    /** PCA with the given settings. */
    public Pca(PcaConfig config) { this.config = config; }

    /** PCA keeping {@code k} components (0 = all). */
    public Pca(int k) { this(PcaConfig.of(k)); }

    @Override
    public Pca fit(double[][] x) {
        int f = Checks.matrix(x, "X");
        int n = x.length;
        if (n < 2) throw new IllegalArgumentException("PCA needs at least 2 rows, got " + n);
        int r = Math.min(n, f);
        int k = config.components() == 0 ? r : config.components();
        if (k > r) throw new IllegalArgumentException("components is " + k + " but min(rows, features) is " + r);
        double[] m = new double[f];
        for (double[] row : x) for (int j = 0; j < f; j++) m[j] += row[j] / n;
        double[][] xc = new double[n][f];
        for (int i = 0; i < n; i++) for (int j = 0; j < f; j++) xc[i][j] = x[i][j] - m[j];
        Svd svd = JacobiSvd.decompose(xc);
        double total = 0;
        for (double s : svd.s()) total += s * s;
        mean = m;
        components = new double[k][];
        singular = new double[k];
        variance = new double[k];
        ratio = new double[k];
        for (int c = 0; c < k; c++) {
            components[c] = signFixed(svd.rightVector(c));
            singular[c] = svd.s()[c];
            variance[c] = singular[c] * singular[c] / (n - 1);
            ratio[c] = total > 0 ? singular[c] * singular[c] / total : 0;
        }
        return this;
    }

    /** {@code v}, negated in place when its largest-magnitude entry (the first such) is negative. */
    static double[] signFixed(double[] v) {
        if (needsFlip(v)) for (int j = 0; j < v.length; j++) v[j] = -v[j];
        return v;
    }

    /** Whether the largest-magnitude entry of {@code v} (the first such) is negative. */
    static boolean needsFlip(double[] v) {
        int arg = 0;
        for (int j = 1; j < v.length; j++) if (Math.abs(v[j]) > Math.abs(v[arg])) arg = j;
        return v[arg] < 0;
    }

    @Override
    public double[][] transform(double[][] x) {
        Labels.requireFitted(mean != null, this);
        Checks.matrix(x, "X", mean.length);
        double[][] w = projection();
        double[][] out = new double[x.length][components.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                double d = x[i][j] - mean[j];
                for (int c = 0; c < components.length; c++) out[i][c] += d * w[j][c];
            }
        }
        return out;
    }

    // (F, K): the components as columns, divided by their standard deviation when whitening
    // (a zero-variance component then maps to 0).
    private double[][] projection() {
        int f = mean.length;
        int k = components.length;
        double[][] w = new double[f][k];
        for (int c = 0; c < k; c++) {
            double s = !config.whiten() ? 1 : variance[c] > 0 ? 1 / Math.sqrt(variance[c]) : 0;
            for (int j = 0; j < f; j++) w[j][c] = components[c][j] * s;
        }
        return w;
    }

    /** The principal axes (K, F), orthonormal rows, by decreasing variance. */
    public double[][] components() {
        Labels.requireFitted(components != null, this);
        double[][] out = new double[components.length][];
        for (int c = 0; c < out.length; c++) out[c] = components[c].clone();
        return out;
    }

    /** The variance along each component, {@code s² / (N - 1)}. */
    public double[] explainedVariance() {
        Labels.requireFitted(variance != null, this);
        return variance.clone();
    }

    /** Each component's share of the total variance. */
    public double[] explainedVarianceRatio() {
        Labels.requireFitted(ratio != null, this);
        return ratio.clone();
    }

    /** The singular values of the centred data for the kept components. */
    public double[] singularValues() {
        Labels.requireFitted(singular != null, this);
        return singular.clone();
    }

    /** The per-feature mean subtracted before projecting. */
    public double[] mean() {
        Labels.requireFitted(mean != null, this);
        return mean.clone();
    }

    /** The settings. */
    public PcaConfig config() { return config; }

    @Override
    public Pca unfitted() { return new Pca(config); }

    @Override
    public int inputFeatures() {
        Labels.requireFitted(mean != null, this);
        return mean.length;
    }

    @Override
    public int outputFeatures() {
        Labels.requireFitted(components != null, this);
        return components.length;
    }

    @Override
    public String appendOnnx(OnnxBuilder b, String x) {
        Labels.requireFitted(mean != null, this);
        String centred = b.op("Sub", List.of(x, b.vector("pca_mean", mean)));
        return b.node("", "MatMul", List.of(centred, b.matrix("pca_components", projection())), List.of("projected")).get(0);
    }

    @Override
    public String toString() {
        return "Pca(components=" + config.components() + ", whiten=" + config.whiten() + ")";
    }
}
