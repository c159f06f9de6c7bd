package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Unique: the distinct elements of the flattened input, or the distinct slices along
 * {@code axis}, sorted ascending ({@code sorted=1}, slices compared lexicographically) or in
 * order of first occurrence. Outputs Y, the index of each one's first occurrence, the position
 * in Y of every input element (or slice), and the counts; the last three are int64.
 */
public final class Unique extends TensorOp {
    private final boolean sorted;
    private final Long axis;

    public Unique(Node node) {
        this.sorted = node.attributes().getInt("sorted", 1) != 0;
        this.axis = node.attributes().has("axis") ? node.attributes().getInt("axis", 0) : null;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "X");
        if (axis == null) x = x.reshape(Shape.of(x.shape().size()));
        int r = x.rank();
        int ax = axis == null ? 0 : Shape.normalizeAxis((int) (long) axis, r);
        long[] dims = x.shape().dims();
        int n = (int) dims[ax];
        int outer = (int) Moves.product(dims, 0, ax);
        int inner = (int) Moves.product(dims, ax + 1, r);
        ElementOrder order = new ElementOrder(x);
        // slice i = elements (o * n + i) * inner + e, compared in (o, e) order
        Comparator<Integer> bySlice = (a, b) -> {
            for (int o = 0; o < outer; o++) {
                int ba = (o * n + a) * inner;
                int bb = (o * n + b) * inner;
                for (int e = 0; e < inner; e++) {
                    int c = order.compare(ba + e, bb + e);
                    if (c != 0) return c;
                }
            }
            return 0;
        };
        Integer[] perm = new Integer[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        Arrays.sort(perm, bySlice.thenComparing(Comparator.naturalOrder()));
        // groups of equal slices, in sorted order; first member is the first occurrence
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || bySlice.compare(perm[start], perm[i]) != 0) {
                groups.add(new int[] {perm[start], start, i});
                start = i;
            }
        }
        if (!sorted) groups.sort(Comparator.comparingInt(g -> g[0]));
        int u = groups.size();
        long[] first = new long[u];
        long[] counts = new long[u];
        long[] inverse = new long[n];
        for (int j = 0; j < u; j++) {
            int[] g = groups.get(j);
            first[j] = g[0];
            counts[j] = g[2] - g[1];
            for (int p = g[1]; p < g[2]; p++) inverse[perm[p]] = j;
        }
        long[] outDims = dims.clone();
        outDims[ax] = u;
        Tensor y = Tensor.zeros(x.dtype(), Shape.of(outDims));
        if (inner > 0) {
            int o2 = 0;
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < u; j++) {
                    System.arraycopy(x.data(), (int) ((o * n + first[j]) * inner), y.data(), o2, inner);
                    o2 += inner;
                }
            }
        }
        return new Tensor[] {y, Tensor.vector(first), Tensor.vector(inverse), Tensor.vector(counts)};
    }

    /** Ascending order of the elements of one tensor (NaN last, strings by code unit). */
    private static final class ElementOrder {
        private final Tensor t;
        private final DType type;

        ElementOrder(Tensor t) {
            this.t = t;
            this.type = t.dtype();
        }

        int compare(int a, int b) {
            if (type == DType.STRING) return t.strings()[a].compareTo(t.strings()[b]);
            if (type == DType.BOOL) return Boolean.compare(t.booleans()[a], t.booleans()[b]);
            if (type.isFloatingPoint()) {
                double x = t.getDouble(a);
                double y = t.getDouble(b);
                if (x < y) return -1;
                if (x > y) return 1;
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            if (type == DType.UINT64) return Long.compareUnsigned(t.getLong(a), t.getLong(b));
            return Long.compare(t.getLong(a), t.getLong(b));
        }
    }
}
