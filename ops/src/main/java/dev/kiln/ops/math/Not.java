package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/** Not: the logical negation of a bool tensor. */
public final class Not extends TensorOp {
    public Not(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input X is required");
        if (x.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("input X must be bool, got " + x.describe());
        }
        boolean[] xd = x.booleans();
        boolean[] y = new boolean[xd.length];
        for (int i = 0; i < y.length; i++) y[i] = !xd[i];
        return new Tensor[] {Tensor.wrap(DType.BOOL, x.shape(), y)};
    }
}
