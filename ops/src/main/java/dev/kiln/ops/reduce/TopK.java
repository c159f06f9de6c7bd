package dev.kiln.ops.reduce;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * TopK: the k largest (or smallest) elements along {@code axis} and their int64 indices, sorted,
 * equal values in index order; NaN counts as largest. k is an attribute in opset 1, the input
 * {@code K} from opset 10.
 */
public final class TopK extends TensorOp {
    private final long axis;
    private final boolean largest;
    private final long kAttr;

    public TopK(Node node) {
        this.axis = node.attributes().getInt("axis", -1);
        this.largest = node.attributes().getInt("largest", 1) != 0;
        // 'sorted' = 0 leaves the order unspecified; sorted output satisfies it as well
        this.kAttr = node.attributes().getInt("k", -1);
    }

    // x: (outer, d, inner) -> values, indices: (outer, k, inner)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input 'X' is required");
        long k = kAttr;
        if (inputs.length > 1 && inputs[1] != null) {
            long[] kv = Args.longs(inputs[1], "K");
            if (kv.length != 1) throw new IllegalArgumentException("input 'K' must hold one value, got " + kv.length);
            k = kv[0];
        } else if (k < 0) {
            throw new IllegalArgumentException("TopK needs the input 'K' (or attribute 'k' in opset 1)");
        }
        int r = x.rank();
        if (r == 0) throw new IllegalArgumentException("input 'X' must have rank >= 1");
        int a = Args.axis(axis, r, "attribute 'axis'");
        int d = x.shape().dimInt(a);
        if (k < 0 || k > d) {
            throw new IllegalArgumentException("K = " + k + " must be in [0, " + d + "] (axis " + a + " of "
                    + x.shape() + ")");
        }
        int kk = (int) k;
        int outer = (int) x.shape().sizeBetween(0, a);
        int inner = (int) x.shape().sizeBetween(a + 1, r);
        long[] keys = OrderKeys.of(x, false);
        long[] dims = x.shape().dims();
        dims[a] = kk;
        Shape outShape = Shape.of(dims);
        Tensor values = Tensor.zeros(x.dtype(), outShape);
        long[] indices = new long[outShape.sizeInt()];
        int[] idx = new int[d];
        int[] tmp = new int[d];
        long[] slice = new long[d];
        Object src = x.data();
        Object dst = values.data();
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * d * inner + in;
                for (int j = 0; j < d; j++) {
                    idx[j] = j;
                    slice[j] = largest ? keys[base + j * inner] : ~keys[base + j * inner]; // ~ reverses the order
                }
                sortDescending(idx, tmp, slice, 0, d);
                int ob = o * kk * inner + in;
                for (int j = 0; j < kk; j++) {
                    indices[ob + j * inner] = idx[j];
                    System.arraycopy(src, base + idx[j] * inner, dst, ob + j * inner, 1);
                }
            }
        }
        return new Tensor[] {values, Tensor.wrap(DType.INT64, outShape, indices)};
    }

    /** Stable merge sort of idx[lo, hi) by key descending, so equal keys keep index order. */
    private static void sortDescending(int[] idx, int[] tmp, long[] key, int lo, int hi) {
        if (hi - lo < 2) return;
        int mid = (lo + hi) >>> 1;
        sortDescending(idx, tmp, key, lo, mid);
        sortDescending(idx, tmp, key, mid, hi);
        int i = lo;
        int j = mid;
        int t = lo;
        while (i < mid && j < hi) tmp[t++] = key[idx[j]] > key[idx[i]] ? idx[j++] : idx[i++];
        while (i < mid) tmp[t++] = idx[i++];
        while (j < hi) tmp[t++] = idx[j++];
        System.arraycopy(tmp, lo, idx, lo, hi - lo);
    }
}
