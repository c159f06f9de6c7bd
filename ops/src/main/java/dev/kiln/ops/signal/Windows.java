package dev.kiln.ops.signal;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The generalized cosine windows {@code w[n] = a0 - a1 cos(2πn/N) + a2 cos(4πn/N)} of HannWindow,
 * HammingWindow and BlackmanWindow, with N = size (periodic) or size - 1 (symmetric).
 */
final class Windows {
    private Windows() {}

    /** Reads {@code output_datatype}, which must name a real numeric type. */
    static DType outputType(long code) {
        DType t;
        try {
            t = DType.fromOnnx((int) code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute 'output_datatype' " + code + " is not a tensor type");
        }
        if (!t.isSupported() || t == DType.STRING || t == DType.BOOL || t.isNarrow()) {
            throw new IllegalArgumentException("attribute 'output_datatype' must be a numeric type, got " + t);
        }
        return t;
    }

    /** The window of the length held by {@code size} (an int32/int64 scalar). */
    static Tensor cosine(Tensor size, boolean periodic, DType type, double a0, double a1, double a2) {
        long n = (long) Args.scalar(size, "size");
        if (n < 0) throw new IllegalArgumentException("input 'size' must not be negative, got " + n);
        MemoryBudget.check(DType.FLOAT64, n);
        int len = Math.toIntExact(n);
        double period = periodic ? len : len - 1;
        double[] w = new double[len];
        for (int i = 0; i < len; i++) {
            double x = period == 0 ? 0 : 2 * Math.PI * i / period;
            w[i] = period == 0 ? 1 : a0 - a1 * Math.cos(x) + a2 * Math.cos(2 * x);
        }
        return Tensor.fromDoubles(type, Shape.of(len), w);
    }
}
