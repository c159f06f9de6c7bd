package dev.kiln.ops.reduce;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Elements as longs whose signed order is the elements' numeric order, for the ops that compare
 * and select (ArgMax, ArgMin, TopK). Integers keep their value (uint64 flips its sign bit);
 * floats map their bits to a monotone long, with -0 equal to +0 and NaN above +inf (or below
 * -inf when {@code nanLowest}), so NaN wins as in numpy's argmax and argmin.
 */
final class OrderKeys {
    private OrderKeys() {}

    static long[] of(Tensor x, boolean nanLowest) {
        DType t = x.dtype();
        if (t == DType.STRING || !t.isSupported()) {
            throw new IllegalArgumentException("input must be numeric, got " + t);
        }
        if (t.isInteger() || t == DType.BOOL) {
            long[] v = Conversions.readLongs(x);
            if (t == DType.UINT64) for (int i = 0; i < v.length; i++) v[i] ^= Long.MIN_VALUE;
            return v;
        }
        double[] d = Conversions.toDoubles(x);
        long[] k = new long[d.length];
        for (int i = 0; i < d.length; i++) k[i] = key(d[i], nanLowest);
        return k;
    }

    static long key(double v, boolean nanLowest) {
        if (Double.isNaN(v)) return nanLowest ? Long.MIN_VALUE : Long.MAX_VALUE;
        long bits = Double.doubleToLongBits(v == 0 ? 0.0 : v);
        return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
    }
}
