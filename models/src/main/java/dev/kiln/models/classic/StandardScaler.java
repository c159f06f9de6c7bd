package dev.kiln.models.classic;

import dev.kiln.models.data.Checks;

/**
 * Standardises each feature: {@code (x - mean) / std}, with the population standard deviation;
 * a constant feature keeps scale 1. Exports as ai.onnx.ml {@code Scaler}.
 */
public final class StandardScaler implements Transformer {
    private final boolean withMean;
    private final boolean withStd;
    private double[] offset;
    private double[] scale;

    /** Centres and scales. */
    public StandardScaler() { this(true, true); }

    /**
     * @param withMean subtract the mean
     * @param withStd divide by the standard deviation
     */
    public StandardScaler(boolean withMean, boolean withStd) {
        this.withMean = withMean;
        this.withStd = withStd;
    }

    @Override
    public StandardScaler fit(double[][] x) {
        int f = Checks.matrix(x, "X");
        int n = x.length;
        double[] mean = new double[f];
        for (double[] row : x) for (int j = 0; j < f; j++) mean[j] += row[j];
        for (int j = 0; j < f; j++) mean[j] /= n;
        double[] var = new double[f];
        for (double[] row : x) for (int j = 0; j < f; j++) var[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        offset = new double[f];
        scale = new double[f];
        for (int j = 0; j < f; j++) {
            double std = Math.sqrt(var[j] / n);
            offset[j] = withMean ? mean[j] : 0;
            scale[j] = withStd && std > 0 ? 1 / std : 1;
        }
        return this;
    }

    @Override
    public double[][] transform(double[][] x) {
        Labels.requireFitted(offset != null, this);
        Checks.matrix(x, "X", offset.length);
        return Scaling.apply(x, offset, scale);
    }

    /** Per-feature means subtracted (zeros without centring). */
    public double[] mean() {
        Labels.requireFitted(offset != null, this);
        return offset.clone();
    }

    /** Per-feature multipliers 1/std (ones without scaling or for constant features). */
    public double[] scale() {
        Labels.requireFitted(scale != null, this);
        return scale.clone();
    }

    @Override
    public StandardScaler unfitted() { return new StandardScaler(withMean, withStd); }

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
    public String toString() { return "StandardScaler(withMean=" + withMean + ", withStd=" + withStd + ")"; }
}
