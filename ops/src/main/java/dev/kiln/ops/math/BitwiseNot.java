package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/** BitwiseNot: flips every bit of an integer tensor. */
public final class BitwiseNot extends TensorOp {
    public BitwiseNot(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input X is required");
        if (!x.dtype().isInteger() || x.dtype().isNarrow()) {
            throw new IllegalArgumentException("input X must be an integer tensor, got " + x.describe());
        }
        long[] v = x.toLongArray();
        for (int i = 0; i < v.length; i++) v[i] = ~v[i];
        return new Tensor[] {Tensor.fromLongs(x.dtype(), x.shape(), v)};
    }
}
