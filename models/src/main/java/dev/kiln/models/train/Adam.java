package dev.kiln.models.train;

import dev.kiln.runtime.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam, and AdamW with decoupled weight decay.
 * {@code m = b1 m + (1 - b1) g}; {@code v = b2 v + (1 - b2) g^2};
 * {@code w -= lr * m_hat / (sqrt(v_hat) + eps)} with bias-corrected moments. Adam adds
 * {@code wd * w} to the gradient (L2); AdamW instead applies {@code w -= lr * wd * w}.
 */
public final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final Map<String, float[]> m = new HashMap<>();
    private final Map<String, float[]> v = new HashMap<>();
    private final Map<String, Integer> t = new HashMap<>();

    private Adam(double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0) || !(weightDecay >= 0)) throw new IllegalArgumentException("eps must be > 0 and weight decay >= 0");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    /** Adam with betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Adam adam() { return new Adam(0.9, 0.999, 1e-8, 0, false); }

    /** Adam with an L2 penalty added to the gradient. */
    public static Adam adam(double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(beta1, beta2, eps, weightDecay, false);
    }

    /** AdamW with betas (0.9, 0.999), eps 1e-8 and decoupled weight decay. */
    public static Adam adamW(double weightDecay) { return new Adam(0.9, 0.999, 1e-8, weightDecay, true); }

    @Override
    public void step(Map<String, Tensor> params, Map<String, Tensor> grads, double lr) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            String name = e.getKey();
            float[] w = e.getValue().floats();
            float[] g = Optimizer.gradientOf(name, e.getValue(), grads);
            float[] mm = m.computeIfAbsent(name, k -> new float[w.length]);
            float[] vv = v.computeIfAbsent(name, k -> new float[w.length]);
            int step = t.merge(name, 1, Integer::sum);
            double c1 = 1 - Math.pow(beta1, step);
            double c2 = 1 - Math.pow(beta2, step);
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + (decoupled ? 0 : weightDecay * w[i]);
                mm[i] = (float) (beta1 * mm[i] + (1 - beta1) * gi);
                vv[i] = (float) (beta2 * vv[i] + (1 - beta2) * gi * gi);
                double update = (mm[i] / c1) / (Math.sqrt(vv[i] / c2) + eps);
                if (decoupled) update += weightDecay * w[i];
                w[i] -= (float) (lr * update);
            }
        }
    }

    @Override
    public String toString() {
        return (decoupled ? "AdamW" : "Adam") + "(betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight_decay="
                + weightDecay + ")";
    }
}
