package dev.kiln.models.classic;

import dev.kiln.models.data.Checks;

/**
 * Maps each feature's training range {@code [min, max]} linearly onto {@code [lo, hi]}
 * (default [0, 1]); a constant feature maps to {@code lo}. Exports as ai.onnx.ml {@code Scaler}.
 */
public final class MinMaxScaler implements Transformer {
    private final double lo;
    private final double hi;
    private double[] offset;
    private double[] scale;

    /** Scales to [0, 1]. */
    public MinMaxScaler() { this(0, 1); }

    /** Scales to {@code [lo, hi]}, {@code lo < hi}. */
    public MinMaxScaler(double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("The target range [" + lo + ", " + hi + "] must be finite with lo < hi");
        }
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    public MinMaxScaler fit(double[][] x) {
        int f = Checks.matrix(x, "X");
        double[] min = x[0].clone();
        double[] max = x[0].clone();
        for (double[] row : x) {
            for (int j = 0; j < f; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        offset = new double[f];
        scale = new double[f];
        for (int j = 0; j < f; j++) {
            // y = (x - min) s + lo = (x - (min - lo / s)) s with s = (hi - lo) / (max - min).
            double range = max[j] - min[j];
            scale[j] = range > 0 ? (hi - lo) / range : 1;
            offset[j] = min[j] - lo / scale[j];
        }
        return this;
    }

    @Override
    public double[][] transform(double[][] x) {
        Labels.requireFitted(offset != null, this);
        Checks.matrix(x, "X", offset.length);
        return Scaling.apply(x, offset, scale);
    }

    @Override
    public MinMaxScaler unfitted() { return new MinMaxScaler(lo, hi); }

    @Override
    public int inputFeatures() {
        Labels.requireFitted(offset != null, this);
        return offset.length;
    }

    @Override
    public int outputFeatures() { return inputFeatures(); }

    @Override
    public String appendOnnx(OnnxBuilder b, String x) {
        Labels.requireFitted(offset != null, this);
        return Scaling.appendOnnx(b, x, offset, scale);
    }

    @Override
    public String toString() { return "MinMaxScaler([" + lo + ", " + hi + "])"; }
}
