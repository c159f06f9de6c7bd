package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * IsInf: true where an element of a float tensor is +inf (if {@code detect_positive}) or -inf
 * (if {@code detect_negative}).
 */
public final class IsInf extends TensorOp {
    private final boolean positive;
    private final boolean negative;

    public IsInf(Node node) {
        this.positive = node.attributes().getInt("detect_positive", 1) != 0;
        this.negative = node.attributes().getInt("detect_negative", 1) != 0;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input X is required");
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("input X must be a float tensor, got " + x.describe());
        }
        boolean[] y = new boolean[x.size()];
        float[] xf = x.dtype() == DType.FLOAT32 ? x.floats() : null;
        for (int i = 0; i < y.length; i++) {
            double v = xf != null ? xf[i] : x.getDouble(i);
            y[i] = (positive && v == Double.POSITIVE_INFINITY) || (negative && v == Double.NEGATIVE_INFINITY);
        }
        return new Tensor[] {Tensor.wrap(DType.BOOL, x.shape(), y)};
    }
}
