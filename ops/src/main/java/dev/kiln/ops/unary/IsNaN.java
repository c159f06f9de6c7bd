package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/** IsNaN: true where an element of a float tensor (float8 types included) is NaN. */
public final class IsNaN extends TensorOp {
    public IsNaN(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input X is required");
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("input X must be a float tensor, got " + x.describe());
        }
        boolean[] y = new boolean[x.size()];
        if (x.dtype() == DType.FLOAT32) {
            float[] xd = x.floats();
            for (int i = 0; i < y.length; i++) y[i] = Float.isNaN(xd[i]);
        } else {
            for (int i = 0; i < y.length; i++) y[i] = Double.isNaN(x.getDouble(i));
        }
        return new Tensor[] {Tensor.wrap(DType.BOOL, x.shape(), y)};
    }
}
