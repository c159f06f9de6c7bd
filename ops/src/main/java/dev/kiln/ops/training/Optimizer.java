package dev.kiln.ops.training;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Shared input handling of the ai.onnx.preview.training optimizers, whose inputs are R (learning
 * rate), T (update count), then {@code groups} runs of n tensors each: the values X_1..X_n,
 * their gradients, and one or two runs of optimizer state.
 */
final class Optimizer {
    private Optimizer() {}

    /** The number n of optimized tensors, checking that the inputs split into the groups. */
    static int count(Tensor[] inputs, int groups, String op) {
        int rest = inputs.length - 2;
        if (rest < groups || rest % groups != 0) {
            throw new IllegalArgumentException(op + " takes R, T and " + groups + " runs of tensors of equal length;"
                    + " got " + inputs.length + " inputs");
        }
        return rest / groups;
    }

    /** The learning rate R (a float scalar). */
    static double rate(Tensor r) {
        if (r == null || !r.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("input R must be a float scalar");
        }
        return Args.scalar(r, "R");
    }

    /** The update count T (an int64 scalar). */
    static long step(Tensor t) {
        if (t == null || t.dtype() != DType.INT64) throw new IllegalArgumentException("input T must be an int64 scalar");
        return (long) Args.scalar(t, "T");
    }

    /** Input {@code 2 + group * n + i}, a float tensor with as many elements as X_i. */
    static Tensor operand(Tensor[] inputs, int n, int group, int i, String name) {
        Tensor t = inputs[2 + group * n + i];
        Tensor x = inputs[2 + i];
        if (t == null || !t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(name + " of tensor " + (i + 1) + " must be a float tensor");
        }
        if (!t.shape().equals(x.shape())) {
            throw new IllegalArgumentException(name + " of tensor " + (i + 1) + " has shape " + t.shape()
                    + ", expected " + x.shape() + " (the shape of X)");
        }
        return t;
    }
}
