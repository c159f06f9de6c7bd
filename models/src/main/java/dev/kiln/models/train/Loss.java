package dev.kiln.models.train;

import dev.kiln.runtime.tensor.Tensor;

/**
 * A training loss computed from a model's output: its value and its gradient with respect to
 * that output, which then flows back through the graph.
 */
public interface Loss {
    /**
     * The value and gradient of a loss.
     *
     * @param value the scalar loss
     * @param gradient dLoss/dPrediction, shaped like the prediction
     */
    record Result(double value, Tensor gradient) {}

    /** Evaluates the loss of {@code prediction} against {@code target}. */
    Result evaluate(Tensor prediction, Tensor target);

    /** Checks that prediction and target hold the same number of float values. */
    static void requireSameSize(Tensor prediction, Tensor target, String loss) {
        if (prediction.size() != target.size()) {
            throw new IllegalArgumentException(loss + ": prediction " + prediction.describe() + " and target "
                    + target.describe() + " differ in size");
        }
    }
}
