package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;

/**
 * Mod: the remainder of {@code A / B} elementwise with broadcasting. With {@code fmod=1} it is
 * C's {@code fmod} (sign of the dividend); with {@code fmod=0} (the default) Python's {@code %}
 * (sign of the divisor). Unsigned integers have one remainder.
 */
public final class Mod extends BinaryKernel {
    private final boolean fmod;

    public Mod(Node node) {
        super(null);
        this.fmod = node.attributes().getInt("fmod", 0) != 0;
    }

    @Override
    void op(float[] a, int ai, float[] b, int bi, float[] y, int yi, int n) {
        for (int i = 0; i < n; i++) y[yi + i] = (float) op((double) a[ai + i], (double) b[bi + i]);
    }

    @Override
    double op(double a, double b) {
        double r = a % b;
        if (!fmod && r != 0 && (r < 0) != (b < 0)) r += b;
        return r;
    }

    // c = a - b * q, q = trunc(a / b) with fmod, floor(a / b) without (q is piecewise constant)
    //   =>  dA = dC, dB = -q * dC
    @Override
    void gradient(double[] a, double[] b, double[] y, double[] dY, double[] dA, double[] dB) {
        for (int i = 0; i < dY.length; i++) {
            double q = Math.rint((a[i] - op(a[i], b[i])) / b[i]);
            dA[i] = dY[i];
            dB[i] = -q * dY[i];
        }
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        if (b == 0) throw new IllegalArgumentException("integer modulo by zero");
        if (unsigned) return Long.remainderUnsigned(a, b);
        return fmod ? a % b : Math.floorMod(a, b);
    }
}
