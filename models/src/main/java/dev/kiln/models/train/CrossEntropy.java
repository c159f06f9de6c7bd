package dev.kiln.models.train;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Multi-class cross-entropy, averaged over the batch.
 *
 * <ul>
 *   <li>{@link #fromLogits()}: logits {@code z: (N, C)} and integer labels {@code y: (N)}, with a
 *       stable log-softmax as PyTorch's CrossEntropyLoss:
 *       {@code L = mean_n (logsumexp(z_n) - z_n[y_n])}, {@code dL/dz = (softmax(z) - onehot(y)) / N}.</li>
 *   <li>{@link #fromProbabilities(double)}: probabilities {@code p: (N, C)} and one-hot (or soft)
 *       targets {@code t: (N, C)}, with p clipped to {@code [eps, 1 - eps]}:
 *       {@code L = -mean_n sum_c t log p}, {@code dL/dp = -t / (N p)} (0 where p was clipped).</li>
 * </ul>
 */
public final class CrossEntropy implements Loss {
    private final boolean logits;
    private final double eps;

    private CrossEntropy(boolean logits, double eps) {
        this.logits = logits;
        this.eps = eps;
    }

    /** Cross-entropy on logits with integer class labels. */
    public static CrossEntropy fromLogits() { return new CrossEntropy(true, 0); }

    /** Cross-entropy on probabilities with one-hot targets, clipping p to [eps, 1 - eps]. */
    public static CrossEntropy fromProbabilities(double eps) {
        if (!(eps > 0 && eps < 0.5)) throw new IllegalArgumentException("eps must be in (0, 0.5), got " + eps);
        return new CrossEntropy(false, eps);
    }

    @Override
    public Result evaluate(Tensor prediction, Tensor target) {
        if (prediction.rank() != 2) {
            throw new IllegalArgumentException("CrossEntropy expects a (N, C) prediction, got " + prediction.describe());
        }
        int n = prediction.shape().dimInt(0);
        int c = prediction.shape().dimInt(1);
        float[] grad = new float[n * c];
        double total = 0;
        if (logits) {
            if (target.size() != n || target.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException("CrossEntropy.fromLogits expects N=" + n + " integer labels, got "
                        + target.describe());
            }
            for (int r = 0; r < n; r++) {
                long label = target.getLong(r);
                if (label < 0 || label >= c) {
                    throw new IllegalArgumentException("Label " + label + " at row " + r + " is outside [0, " + c + ")");
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) max = Math.max(max, prediction.getDouble(r * c + j));
                double sum = 0;
                for (int j = 0; j < c; j++) sum += Math.exp(prediction.getDouble(r * c + j) - max);
                double logSum = max + Math.log(sum);
                total += logSum - prediction.getDouble(r * c + (int) label);
                for (int j = 0; j < c; j++) {
                    double softmax = Math.exp(prediction.getDouble(r * c + j) - logSum);
                    grad[r * c + j] = (float) ((softmax - (j == label ? 1 : 0)) / n);
                }
            }
        } else {
            Loss.requireSameSize(prediction, target, "CrossEntropy.fromProbabilities");
            for (int i = 0; i < n * c; i++) {
                double p = prediction.getDouble(i);
                double t = target.getDouble(i);
                double clipped = Math.min(Math.max(p, eps), 1 - eps);
                total -= t * Math.log(clipped);
                grad[i] = clipped == p ? (float) (-t / (n * p)) : 0f;
            }
        }
        return new Result(total / n, Tensor.wrap(DType.FLOAT32, prediction.shape(), grad));
    }

    @Override
    public String toString() { return logits ? "CrossEntropy(logits)" : "CrossEntropy(probabilities, eps=" + eps + ")"; }
}
