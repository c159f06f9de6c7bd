package dev.kiln.ops.shape;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/** Reading and checking index tensors (int32 or int64, negative values counting from the end). */
final class Indices {
    private Indices() {}

    /** The values of an int32/int64 index tensor. */
    static long[] read(Tensor t, String what) {
        if (t == null) throw new IllegalArgumentException("input '" + what + "' is required");
        if (t.dtype() == DType.INT64) return t.longs();
        if (t.dtype() == DType.INT32) {
            int[] v = t.ints();
            long[] out = new long[v.length];
            for (int i = 0; i < v.length; i++) out[i] = v[i];
            return out;
        }
        throw new IllegalArgumentException("input '" + what + "' must be int32 or int64, got " + t.describe());
    }

    /**
     * {@code index} normalised into {@code [0, dim)}; negative values count from the end.
     *
     * @throws IllegalArgumentException naming {@code what} when the index is outside {@code [-dim, dim)}
     */
    static int normalize(long index, long dim, String what) {
        long i = index < 0 ? index + dim : index;
        if (i < 0 || i >= dim) {
            throw new IllegalArgumentException(what + " index " + index + " is out of range [" + (-dim)
                    + ", " + (dim - 1) + "] for a dimension of size " + dim);
        }
        return (int) i;
    }

    /** Checks that every axis in {@code axes} (already normalised) appears at most once. */
    static void requireDistinct(int[] axes, String what) {
        for (int i = 0; i < axes.length; i++) {
            for (int j = i + 1; j < axes.length; j++) {
                if (axes[i] == axes[j]) {
                    throw new IllegalArgumentException(what + " repeats axis " + axes[i]);
                }
            }
        }
    }
}
