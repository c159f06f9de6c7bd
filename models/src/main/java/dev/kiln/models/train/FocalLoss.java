package dev.kiln.models.train;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Binary focal loss on logits (Lin et al.), averaged over elements:
 * {@code p = sigmoid(z)}, {@code p_t = p if t = 1 else 1 - p},
 * {@code L = -alpha_t (1 - p_t)^gamma log(p_t)} with {@code alpha_t = alpha if t = 1 else 1 - alpha}
 * (or 1 without alpha). With {@code gamma = 0} and no alpha it is binary cross-entropy.
 *
 * <p>Gradient: {@code dL/dp_t = -alpha_t [(1 - p_t)^gamma / p_t - gamma (1 - p_t)^(gamma - 1) log p_t]}
 * and {@code dp_t/dz = s p (1 - p)} with {@code s = +1} for t = 1, -1 for t = 0.
 */
public final class FocalLoss implements Loss {
    private final double gamma;
    private final Double alpha;

    /**
     * @param gamma focusing parameter, at least 0 (2 is usual)
     * @param alpha weight of the positive class in [0, 1], or null for none
     */
    public FocalLoss(double gamma, Double alpha) {
        if (!(gamma >= 0)) throw new IllegalArgumentException("gamma must be >= 0, got " + gamma);
        if (alpha != null && !(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        this.gamma = gamma;
        this.alpha = alpha;
    }

    @Override
    public Result evaluate(Tensor prediction, Tensor target) {
        Loss.requireSameSize(prediction, target, "FocalLoss");
        int n = prediction.size();
        float[] grad = new float[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double z = prediction.getDouble(i);
            boolean positive = target.getDouble(i) >= 0.5;
            double p = BinaryCrossEntropy.sigmoid(z);
            double pt = positive ? p : 1 - p;
            // log p_t computed stably: log sigmoid(+-z)
            double logPt = -(Math.max(positive ? -z : z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
            double at = alpha == null ? 1 : positive ? alpha : 1 - alpha;
            double oneMinus = 1 - pt;
            total += -at * Math.pow(oneMinus, gamma) * logPt;
            double focusTerm = gamma == 0 ? 0 : gamma * Math.pow(oneMinus, gamma - 1) * logPt;
            double dLdPt = -at * (Math.pow(oneMinus, gamma) / pt - focusTerm);
            double dPtdZ = (positive ? 1 : -1) * p * (1 - p);
            grad[i] = (float) (dLdPt * dPtdZ / n);
        }
        return new Result(total / n, Tensor.wrap(DType.FLOAT32, prediction.shape(), grad));
    }

    @Override
    public String toString() { return "FocalLoss(gamma=" + gamma + (alpha == null ? "" : ", alpha=" + alpha) + ")"; }
}
