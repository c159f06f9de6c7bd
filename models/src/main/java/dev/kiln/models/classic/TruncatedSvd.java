package dev.kiln.models.classic;

import dev.kiln.models.classic.linalg.JacobiSvd;
import dev.kiln.models.classic.linalg.Svd;
import dev.kiln.models.data.Checks;
import java.util.List;

/**
 * Rank-k truncated SVD of a general (uncentred) matrix, {@code A ≈ U_k S_k V_kᵀ}, and the
 * transformer projecting rows onto the top right singular vectors ({@code X V_k}, like LSA on
 * term matrices). Exports as MatMul.
 */
public final class TruncatedSvd implements Transformer {
    private final int k;
    private double[][] components;   // (K, F)
    private double[] singular;

    /** Keeps {@code k >= 1} singular triplets. */
    public TruncatedSvd(int k) {
        if (k < 1) throw new IllegalArgumentException("k is " + k + ", expected >= 1");
        this.k = k;
    }

    /**
     * The k largest singular triplets of {@code a}, each right singular vector's largest entry
     * made positive (and its left vector flipped with it).
     */
    public static Svd decompose(double[][] a, int k) {
        Checks.matrix(a, "A");
        int r = Math.min(a.length, a[0].length);
        if (k < 1 || k > r) throw new IllegalArgumentException("k is " + k + ", expected 1.." + r);
        Svd svd = JacobiSvd.decompose(a).truncate(k);
        for (int c = 0; c < k; c++) {
            if (Pca.needsFlip(svd.rightVector(c))) {
                for (double[] row : svd.u()) row[c] = -row[c];
                for (double[] row : svd.v()) row[c] = -row[c];
            }
        }
        return svd;
    }

    @Override
    public TruncatedSvd fit(double[][] x) {
        Svd svd = decompose(x, k);
        components = new double[k][];
        for (int c = 0; c < k; c++) components[c] = svd.rightVector(c);
        singular = svd.s();
        return this;
    }

    @Override
    public double[][] transform(double[][] x) {
        Labels.requireFitted(components != null, this);
        Checks.matrix(x, "X", components[0].length);
        double[][] out = new double[x.length][k];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < x[i].length; j++) s += x[i][j] * components[c][j];
                out[i][c] = s;
            }
        }
        return out;
    }

    /** The right singular vectors (K, F) as rows. */
    public double[][] components() {
        Labels.requireFitted(components != null, this);
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) out[c] = components[c].clone();
        return out;
    }

    /** The k largest singular values. */
    public double[] singularValues() {
        Labels.requireFitted(singular != null, this);
        return singular.clone();
    }

    @Override
    public TruncatedSvd unfitted() { return new TruncatedSvd(k); }

    @Override
    public int inputFeatures() {
        Labels.requireFitted(components != null, this);
        return components[0].length;
    }

    @Override
    public int outputFeatures() { return k; }

    @Override
    public String appendOnnx(OnnxBuilder b, String x) {
        Labels.requireFitted(components != null, this);
        return b.node("", "MatMul", List.of(x, b.matrix("svd_components", JacobiSvd.transpose(components))),
                List.of("projected")).get(0);
    }

    @Override
    public String toString() { return "TruncatedSvd(k=" + k + ")"; }
}
