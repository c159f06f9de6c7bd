package dev.kiln.ops.shape;

import dev.kiln.runtime.tensor.Tensor;

/** Fetching node inputs by position, with an error naming a required input that is absent. */
final class Inputs {
    private Inputs() {}

    /** Input {@code i}, which must be present. */
    static Tensor required(Tensor[] inputs, int i, String name) {
        if (i >= inputs.length || inputs[i] == null) {
            throw new IllegalArgumentException("input " + i + " '" + name + "' is required");
        }
        return inputs[i];
    }

    /** Input {@code i}, or null when absent. */
    static Tensor optional(Tensor[] inputs, int i) {
        return i < inputs.length ? inputs[i] : null;
    }
}
