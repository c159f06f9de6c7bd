package dev.kiln.ops.norm;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * A scale or bias input broadcast (unidirectionally) to X, read per element of X viewed as
 * (rows, inner) rows. When it broadcasts to the row shape alone, a map of one row is kept.
 */
final class Param {
    private final double[] values;
    private final int[] map;
    private final boolean perRow;
    private final int inner;

    private Param(double[] values, int[] map, boolean perRow, int inner) {
        this.values = values;
        this.map = map;
        this.perRow = perRow;
        this.inner = inner;
    }

    /**
     * @param p the parameter tensor
     * @param x the shape of X
     * @param axis first axis of the row (rows are x.dims[axis:])
     */
    static Param of(Tensor p, Shape x, int axis, String what) {
        Values.requireFloat(p, what);
        long[] d = x.dims();
        Shape row = Shape.of(Arrays.copyOfRange(d, axis, d.length));
        int inner = row.sizeInt();
        if (broadcastsTo(p.shape(), row)) {
            return new Param(p.toDoubleArray(), Broadcast.indexMap(p.shape(), row), true, inner);
        }
        if (broadcastsTo(p.shape(), x)) {
            return new Param(p.toDoubleArray(), Broadcast.indexMap(p.shape(), x), false, inner);
        }
        throw new IllegalArgumentException("input " + what + " has shape " + p.shape()
                + ", which does not broadcast to X " + x);
    }

    /** The value for element {@code i} of X, which is column {@code j} of its row. */
    double at(int i, int j) { return values[perRow ? map[j] : map[i]]; }

    int inner() { return inner; }

    /** The index into the parameter's elements read for element {@code i} of X (column {@code j}). */
    int index(int i, int j) { return perRow ? map[j] : map[i]; }

    /** The parameter's number of elements. */
    int size() { return values.length; }

    /** Whether this is one value per column of the row, in column order (shape the row's, up to 1s). */
    boolean isRowVector() { return perRow && values.length == inner; }

    private static boolean broadcastsTo(Shape from, Shape to) {
        if (from.rank() > to.rank()) return false;
        int off = to.rank() - from.rank();
        for (int a = 0; a < from.rank(); a++) {
            long f = from.dim(a), t = to.dim(a + off);
            if (f != t && f != 1) return false;
        }
        return true;
    }
}
