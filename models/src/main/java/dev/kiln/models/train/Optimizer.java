package dev.kiln.models.train;

import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;

/**
 * Updates float32 parameters in place from their gradients. An optimizer keeps per-parameter
 * state (momentum, moments) keyed by name, so give it the same names every step.
 */
public interface Optimizer {
    /**
     * One update.
     *
     * @param params parameters by name; their arrays are modified in place
     * @param grads gradients by the same names
     * @param lr the learning rate for this step (from a schedule)
     */
    void step(Map<String, Tensor> params, Map<String, Tensor> grads, double lr);

    /** Looks up the gradient of {@code name}, with a clear error when it is missing or misshapen. */
    static float[] gradientOf(String name, Tensor param, Map<String, Tensor> grads) {
        Tensor g = grads.get(name);
        if (g == null) throw new IllegalArgumentException("No gradient for parameter '" + name + "'");
        if (!g.shape().equals(param.shape())) {
            throw new IllegalArgumentException("Gradient of '" + name + "' has shape " + g.shape() + ", parameter has "
                    + param.shape());
        }
        return g.floats();
    }
}
