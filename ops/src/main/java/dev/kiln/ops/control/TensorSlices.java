package dev.kiln.ops.control;

import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;

/**
 * Moves blocks of a tensor along one axis for any dtype: taking one index, a range, stacking
 * and concatenating. Used by the control-flow and sequence ops. Shapes are written
 * {@code (outer, n, inner)} around the axis in question.
 */
public final class TensorSlices {
    private TensorSlices() {}

    /** The sub-tensor at {@code index} along {@code axis}, without that axis. */
    public static Tensor take(Tensor t, int axis, int index) {
        Tensor r = narrow(t, axis, index, 1);
        long[] dims = t.shape().dims();
        long[] out = new long[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) if (i != axis) out[j++] = dims[i];
        return r.reshape(Shape.of(out));
    }

    /** Elements {@code [start, start + length)} along {@code axis}, keeping the axis. */
    public static Tensor narrow(Tensor t, int axis, int start, int length) {
        long[] dims = t.shape().dims();
        if (axis < 0 || axis >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for " + t.describe());
        }
        if (start < 0 || length < 0 || start + (long) length > dims[axis]) {
            throw new IllegalArgumentException("range [" + start + ", " + (start + (long) length)
                    + ") is out of bounds for axis " + axis + " of " + t.describe());
        }
        // t: (outer, n, inner) -> (outer, length, inner)
        int outer = (int) t.shape().sizeBetween(0, axis);
        int n = (int) dims[axis];
        int inner = (int) t.shape().sizeBetween(axis + 1, dims.length);
        dims[axis] = length;
        Shape outShape = Shape.of(dims);
        Object dst = Tensor.allocate(t.dtype(), outShape.sizeInt());
        int block = length * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(t.data(), (o * n + start) * inner, dst, o * block, block);
        }
        return Tensor.wrap(t.dtype(), outShape, dst);
    }

    /** Stacks equally shaped tensors along a new {@code axis} (0..rank). */
    public static Tensor stack(List<Tensor> parts, int axis) {
        Tensor first = parts.get(0);
        for (Tensor p : parts) {
            if (p.dtype() != first.dtype() || !p.shape().equals(first.shape())) {
                throw new IllegalArgumentException("cannot stack " + p.describe() + " with "
                        + first.describe() + ": every part must have the same dtype and shape");
            }
        }
        long[] dims = first.shape().dims();
        long[] out = new long[dims.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) out[i] = i == axis ? 1 : dims[j++];
        Tensor[] expanded = new Tensor[parts.size()];
        for (int i = 0; i < expanded.length; i++) expanded[i] = parts.get(i).reshape(Shape.of(out));
        return concat(List.of(expanded), axis);
    }

    /** Concatenates tensors along an existing {@code axis}; other dims must agree. */
    public static Tensor concat(List<Tensor> parts, int axis) {
        Tensor first = parts.get(0);
        int rank = first.rank();
        long[] dims = first.shape().dims();
        long total = 0;
        for (Tensor p : parts) {
            if (p.dtype() != first.dtype()) {
                throw new IllegalArgumentException("cannot concatenate " + p.describe() + " with "
                        + first.describe() + ": dtypes differ");
            }
            if (p.rank() != rank) {
                throw new IllegalArgumentException("cannot concatenate " + p.describe() + " with "
                        + first.describe() + ": ranks differ");
            }
            for (int d = 0; d < rank; d++) {
                if (d != axis && p.shape().dim(d) != dims[d]) {
                    throw new IllegalArgumentException("cannot concatenate " + p.describe() + " with "
                            + first.describe() + " along axis " + axis + ": dim " + d + " differs");
                }
            }
            total += p.shape().dim(axis);
        }
        dims[axis] = total;
        Shape outShape = Shape.of(dims);
        Object dst = Tensor.allocate(first.dtype(), outShape.sizeInt());
        // each part: (outer, n_p, inner) -> out (outer, total, inner)
        int outer = (int) first.shape().sizeBetween(0, axis);
        int inner = (int) first.shape().sizeBetween(axis + 1, rank);
        int offset = 0;
        for (Tensor p : parts) {
            int block = (int) p.shape().dim(axis) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(p.data(), o * block, dst, (int) (o * total * inner) + offset, block);
            }
            offset += block;
        }
        return Tensor.wrap(first.dtype(), outShape, dst);
    }
}
