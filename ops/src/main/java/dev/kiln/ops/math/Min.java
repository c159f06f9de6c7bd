package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;

/** Min: the elementwise minimum of one or more inputs with broadcasting; NaN propagates. */
public final class Min extends BinaryKernel {
    public Min(Node node) {
        super(null);
    }

    @Override
    void op(float[] a, int ai, float[] b, int bi, float[] y, int yi, int n) {
        for (int i = 0; i < n; i++) y[yi + i] = Math.min(a[ai + i], b[bi + i]);
    }

    @Override
    double op(double a, double b) {
        return Math.min(a, b);
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        if (unsigned) return Long.compareUnsigned(a, b) <= 0 ? a : b;
        return Math.min(a, b);
    }
}
