package dev.kiln.ops.reduce;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** The index of the extreme element along one axis: the shared body of ArgMax and ArgMin. */
abstract class ArgReduce extends TensorOp {
    private final long axis;
    private final boolean keepdims;
    private final boolean selectLastIndex;
    private final boolean max;

    ArgReduce(Node node, boolean max) {
        this.axis = node.attributes().getInt("axis", 0);
        this.keepdims = node.attributes().getInt("keepdims", 1) != 0;
        this.selectLastIndex = node.attributes().getInt("select_last_index", 0) != 0;
        this.max = max;
    }

    // x: (outer, d, inner) around the axis -> y: (outer, 1, inner) int64
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input 'data' is required");
        int r = x.rank();
        int a = Args.axis(axis, Math.max(r, 1), "attribute 'axis'");
        Shape s = r == 0 ? Shape.of(1L) : x.shape();
        int d = s.dimInt(a);
        if (d == 0) {
            throw new IllegalArgumentException("cannot take the arg" + (max ? "max" : "min") + " of empty axis " + a);
        }
        int outer = (int) s.sizeBetween(0, a);
        int inner = (int) s.sizeBetween(a + 1, s.rank());
        long[] k = OrderKeys.of(x, !max);
        long[] y = new long[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * d * inner + in;
                long best = k[base];
                int bi = 0;
                for (int j = 1; j < d; j++) {
                    long v = k[base + j * inner];
                    boolean better = max ? v > best : v < best;
                    if (better || (v == best && selectLastIndex)) {
                        best = v;
                        bi = j;
                    }
                }
                y[o * inner + in] = bi;
            }
        }
        long[] dims = s.dims();
        if (keepdims) {
            dims[a] = 1;
        } else {
            long[] kept = new long[dims.length - 1];
            for (int i = 0, j = 0; i < dims.length; i++) if (i != a) kept[j++] = dims[i];
            dims = kept;
        }
        if (r == 0) dims = new long[0];
        return new Tensor[] {Tensor.wrap(DType.INT64, Shape.of(dims), y)};
    }
}
