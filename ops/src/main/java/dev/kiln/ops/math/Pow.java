package dev.kiln.ops.math;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Pow: {@code Z = X ^ Y} elementwise with broadcasting. Since opset 12 the exponent may have
 * another numeric type than the base; Z has the base's type (floats computed in double and
 * truncated toward zero for an integer base). Integer powers of integers are exact and wrap.
 */
public final class Pow extends BinaryKernel {
    /** Legacy broadcasting (attributes {@code broadcast}, {@code axis}) before opset 7. */
    public Pow(Node node, LoadContext ctx) {
        super(LegacyBroadcast.before(7, node, ctx));
    }

    @Override
    void op(float[] a, int ai, float[] b, int bi, float[] y, int yi, int n) {
        for (int i = 0; i < n; i++) y[yi + i] = (float) Math.pow(a[ai + i], b[bi + i]);
    }

    @Override
    double op(double a, double b) {
        return Math.pow(a, b);
    }

    // z = x^y  =>  dX = dZ * y * x^(y - 1), dY = dZ * z * ln x; a zero exponent gives dX = 0, a
    // zero base with a non-negative exponent dY = 0, and a negative base has no real dY (NaN)
    @Override
    void gradient(double[] a, double[] b, double[] y, double[] dY, double[] dA, double[] dB) {
        for (int i = 0; i < dY.length; i++) {
            dA[i] = b[i] == 0 ? 0 : dY[i] * b[i] * Math.pow(a[i], b[i] - 1);
            dB[i] = a[i] == 0 && b[i] >= 0 ? 0 : dY[i] * Math.pow(a[i], b[i]) * Math.log(a[i]);
        }
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        return power(a, b, unsigned);
    }

    @Override
    Tensor apply(Tensor x, Tensor e) {
        if (x.dtype() == e.dtype() || legacy != null) return super.apply(x, e);
        if (!isNumeric(x.dtype()) || !isNumeric(e.dtype())) {
            throw new IllegalArgumentException("Pow needs numeric inputs, got X " + x.describe()
                    + " and Y " + e.describe());
        }
        // x: base, e: exponent of another type; z: (broadcast) with x's type
        Shape zs = Broadcast.shape(x.shape(), e.shape());
        Tensor z = Tensor.zeros(x.dtype(), zs);
        if (zs.size() == 0) return z;
        Runs runs = Runs.of(zs, x.shape(), e.shape());
        boolean integers = x.dtype().isInteger() && e.dtype().isInteger();
        boolean unsignedExponent = e.dtype().isUnsigned();
        if (integers) {
            runs.forEachPair((iz, ix, ie) ->
                    z.setLong(iz, power(x.getLong(ix), e.getLong(ie), unsignedExponent)));
        } else {
            runs.forEachPair((iz, ix, ie) -> z.setDouble(iz, Math.pow(x.getDouble(ix), e.getDouble(ie))));
        }
        return z;
    }

    /**
     * {@code base ^ exp} in wrapping 64-bit integer arithmetic, by repeated squaring. A negative
     * exponent gives what a float power truncated to an integer gives: 0 unless |base| is 1.
     */
    static long power(long base, long exp, boolean unsignedExp) {
        if (!unsignedExp && exp < 0) {
            if (base == 0) throw new IllegalArgumentException("Pow: 0 raised to a negative integer power");
            if (base == 1) return 1;
            if (base == -1) return (exp & 1) == 0 ? 1 : -1;
            return 0;
        }
        long r = 1;
        while (exp != 0) {
            if ((exp & 1) != 0) r *= base;
            base *= base;
            exp >>>= 1;
        }
        return r;
    }
}
