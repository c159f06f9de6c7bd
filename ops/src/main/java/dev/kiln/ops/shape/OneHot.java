package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * OneHot: inserts an axis of size {@code depth} at {@code axis}, holding {@code values[1]} at
 * each index and {@code values[0]} elsewhere. Indices in {@code [-depth, depth)} count negative
 * values from the end; indices outside give an all-off row.
 */
public final class OneHot extends TensorOp {
    private final long axis;

    public OneHot(Node node) {
        this.axis = node.attributes().getInt("axis", -1);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // indices: (A..., B...) -> y: (A..., depth, B...), the new axis at position `axis`
        Tensor indices = Inputs.required(inputs, 0, "indices");
        Tensor depthT = Inputs.required(inputs, 1, "depth");
        Tensor values = Inputs.required(inputs, 2, "values");
        if (indices.dtype() == DType.STRING || indices.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("input 'indices' must be numeric, got " + indices.describe());
        }
        if (depthT.size() != 1 || depthT.dtype() == DType.STRING) {
            throw new IllegalArgumentException("input 'depth' must be one number, got " + depthT.describe());
        }
        if (values.size() != 2) {
            throw new IllegalArgumentException("input 'values' must hold [off_value, on_value], got " + values.describe());
        }
        long depth = depthT.getLong(0);
        if (depth < 1) throw new IllegalArgumentException("input 'depth' must be positive, got " + depth);
        int r = indices.rank();
        long a = axis < 0 ? axis + r + 1 : axis;
        if (a < 0 || a > r) {
            throw new IllegalArgumentException("attribute 'axis' " + axis + " is out of range [" + (-r - 1) + ", " + r + "]");
        }
        int ax = (int) a;
        long[] id = indices.shape().dims();
        long[] out = new long[r + 1];
        System.arraycopy(id, 0, out, 0, ax);
        out[ax] = depth;
        System.arraycopy(id, ax, out, ax + 1, r - ax);
        Tensor y = Tensor.zeros(values.dtype(), Shape.of(out));
        Object dst = y.data();
        Moves.fill(dst, 0, y.size(), values.data());
        long post = Moves.product(id, ax, r);
        int n = indices.size();
        for (int p = 0; p < n; p++) {
            long idx = indices.getLong(p);
            if (idx < -depth || idx >= depth) continue;
            if (idx < 0) idx += depth;
            long outer = p / post;
            long inner = p % post;
            System.arraycopy(values.data(), 1, dst, (int) ((outer * depth + idx) * post + inner), 1);
        }
        return new Tensor[] {y};
    }
}
