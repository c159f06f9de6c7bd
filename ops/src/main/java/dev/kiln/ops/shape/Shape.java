package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Shape: the input's dimensions as a 1-D int64 tensor, optionally only those in
 * {@code [start, end)} (opset 15+; negative values count from the end, both are clamped).
 */
public final class Shape extends TensorOp {
    private final long start;
    private final Long end;

    public Shape(Node node) {
        this.start = node.attributes().getInt("start", 0);
        this.end = node.attributes().has("end") ? node.attributes().getInt("end", 0) : null;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        long[] dims = Inputs.required(inputs, 0, "data").shape().dims();
        int r = dims.length;
        long s = clamp(start < 0 ? start + r : start, r);
        long e = end == null ? r : clamp(end < 0 ? end + r : end, r);
        long[] out = e > s ? Arrays.copyOfRange(dims, (int) s, (int) e) : new long[0];
        return new Tensor[] {Tensor.vector(out)};
    }

    private static long clamp(long v, int r) {
        return Math.max(0, Math.min(r, v));
    }
}
