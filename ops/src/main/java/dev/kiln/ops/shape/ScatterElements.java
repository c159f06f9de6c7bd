package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ScatterElements: a copy of {@code data} where
 * {@code y[..., indices[i_0, ..., i_k], ...] (reduction)= updates[i_0, ..., i_k]}, the index
 * replacing the coordinate along {@code axis}. Updates apply in row-major order, so with
 * {@code reduction=none} the last duplicate wins.
 */
public final class ScatterElements extends TensorOp {
    private final long axis;
    private final Reduction reduction;

    public ScatterElements(Node node) {
        this.axis = node.attributes().getInt("axis", 0);
        this.reduction = Reduction.parse(node.attributes().getString("reduction", "none"));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {scatter(Inputs.required(inputs, 0, "data"), Inputs.required(inputs, 1, "indices"), Inputs.required(inputs, 2, "updates"), axis, reduction)};
    }

    static Tensor scatter(Tensor data, Tensor indices, Tensor updates, long axis, Reduction reduction) {
        int r = data.rank();
        if (r == 0) throw new IllegalArgumentException("input 'data' must have rank >= 1, got a scalar");
        int ax = Shape.normalizeAxis((int) axis, r);
        if (!indices.shape().equals(updates.shape())) {
            throw new IllegalArgumentException("inputs 'indices' " + indices.shape() + " and 'updates' "
                    + updates.shape() + " must have the same shape");
        }
        if (updates.dtype() != data.dtype()) {
            throw new IllegalArgumentException("input 'updates' is " + updates.dtype() + ", expected " + data.dtype());
        }
        reduction.check(data.dtype());
        int[] map = elementMap(data.shape(), indices, ax, "indices");
        Tensor y = data.copy();
        for (int k = 0; k < map.length; k++) reduction.apply(y, map[k], updates, k);
        return y;
    }

    /**
     * For each element of {@code indices} (same rank as {@code data}, each dimension no larger
     * except along {@code axis}), the flat offset into data it addresses.
     */
    static int[] elementMap(Shape data, Tensor indices, int axis, String what) {
        int r = data.rank();
        if (indices.rank() != r) {
            throw new IllegalArgumentException("input '" + what + "' has shape " + indices.shape()
                    + ", expected rank " + r + " like data " + data);
        }
        long[] dd = data.dims();
        long[] id = indices.shape().dims();
        for (int i = 0; i < r; i++) {
            if (i != axis && id[i] > dd[i]) {
                throw new IllegalArgumentException("input '" + what + "' shape " + indices.shape()
                        + " exceeds data " + data + " at axis " + i);
            }
        }
        long[] idx = Indices.read(indices, what);
        long[] ds = data.strides();
        int[] map = new int[idx.length];
        long[] ctr = new long[r];
        for (int k = 0; k < idx.length; k++) {
            long off = 0;
            for (int i = 0; i < r; i++) {
                long c = i == axis ? Indices.normalize(idx[k], dd[axis], what) : ctr[i];
                off += c * ds[i];
            }
            map[k] = (int) off;
            for (int i = r - 1; i >= 0; i--) {
                if (++ctr[i] < id[i]) break;
                ctr[i] = 0;
            }
        }
        return map;
    }
}
