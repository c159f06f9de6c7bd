package dev.kiln.models.train;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Binary cross-entropy with 0/1 (or soft) targets {@code t}, averaged over elements.
 *
 * <ul>
 *   <li>{@link #fromLogits()}: {@code L = mean(max(z, 0) - z t + log(1 + exp(-|z|)))},
 *       {@code dL/dz = (sigmoid(z) - t) / n}; stable for any z.</li>
 *   <li>{@link #fromProbabilities(double)}: p clipped to {@code [eps, 1 - eps]},
 *       {@code L = -mean(t log p + (1 - t) log(1 - p))}, {@code dL/dp = (p - t) / (p (1 - p) n)}.</li>
 * </ul>
 */
public final class BinaryCrossEntropy implements Loss {
    private final boolean logits;
    private final double eps;

    private BinaryCrossEntropy(boolean logits, double eps) {
        this.logits = logits;
        this.eps = eps;
    }

    /** BCE on logits. */
    public static BinaryCrossEntropy fromLogits() { return new BinaryCrossEntropy(true, 0); }

    /** BCE on probabilities, clipped to [eps, 1 - eps]. */
    public static BinaryCrossEntropy fromProbabilities(double eps) {
        if (!(eps > 0 && eps < 0.5)) throw new IllegalArgumentException("eps must be in (0, 0.5), got " + eps);
        return new BinaryCrossEntropy(false, eps);
    }

    @Override
    public Result evaluate(Tensor prediction, Tensor target) {
        Loss.requireSameSize(prediction, target, "BinaryCrossEntropy");
        int n = prediction.size();
        float[] grad = new float[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double x = prediction.getDouble(i);
            double t = target.getDouble(i);
            if (logits) {
                total += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
                grad[i] = (float) ((sigmoid(x) - t) / n);
            } else {
                double p = Math.min(Math.max(x, eps), 1 - eps);
                total -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
                grad[i] = p == x ? (float) ((p - t) / (p * (1 - p) * n)) : 0f;
            }
        }
        return new Result(total / n, Tensor.wrap(DType.FLOAT32, prediction.shape(), grad));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    @Override
    public String toString() { return logits ? "BCE(logits)" : "BCE(probabilities, eps=" + eps + ")"; }
}
