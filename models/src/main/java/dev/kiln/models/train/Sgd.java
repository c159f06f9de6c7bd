package dev.kiln.models.train;

import dev.kiln.runtime.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay
 * (PyTorch's formulation): {@code g = grad + wd * w}; {@code v = mu v + g};
 * {@code w -= lr * (nesterov ? g + mu v : v)}.
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final Map<String, float[]> velocity = new HashMap<>();

    /**
     * @param momentum momentum factor mu in [0, 1)
     * @param nesterov use Nesterov momentum (needs momentum > 0)
     * @param weightDecay L2 penalty added to the gradient
     */
    public Sgd(double momentum, boolean nesterov, double weightDecay) {
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    /** Plain SGD. */
    public static Sgd plain() { return new Sgd(0, false, 0); }

    @Override
    public void step(Map<String, Tensor> params, Map<String, Tensor> grads, double lr) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            float[] w = e.getValue().floats();
            float[] g = Optimizer.gradientOf(e.getKey(), e.getValue(), grads);
            float[] v = momentum > 0 ? velocity.computeIfAbsent(e.getKey(), k -> new float[w.length]) : null;
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + weightDecay * w[i];
                double update = gi;
                if (v != null) {
                    v[i] = (float) (momentum * v[i] + gi);
                    update = nesterov ? gi + momentum * v[i] : v[i];
                }
                w[i] -= (float) (lr * update);
            }
        }
    }

    @Override
    public String toString() {
        return "SGD(momentum=" + momentum + (nesterov ? ", nesterov" : "") + ", weight_decay=" + weightDecay + ")";
    }
}
