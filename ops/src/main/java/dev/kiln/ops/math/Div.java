package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;

/** Div: {@code C = A / B} elementwise with broadcasting; integer division truncates toward zero. */
public final class Div extends BinaryKernel {
    /** Legacy broadcasting (attributes {@code broadcast}, {@code axis}) before opset 7. */
    public Div(Node node, LoadContext ctx) {
        super(LegacyBroadcast.before(7, node, ctx));
    }

    /** With numpy broadcasting. */
    Div() {
        super(null);
    }

    @Override
    void op(float[] a, int ai, float[] b, int bi, float[] y, int yi, int n) {
        for (int i = 0; i < n; i++) y[yi + i] = a[ai + i] / b[bi + i];
    }

    @Override
    double op(double a, double b) {
        return a / b;
    }

    // c = a / b  =>  dA = dC / b, dB = -dC * a / b^2
    @Override
    void gradient(double[] a, double[] b, double[] y, double[] dY, double[] dA, double[] dB) {
        for (int i = 0; i < dY.length; i++) {
            dA[i] = dY[i] / b[i];
            dB[i] = -dA[i] * (a[i] / b[i]);
        }
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        if (b == 0) throw new IllegalArgumentException("integer division by zero");
        return unsigned ? Long.divideUnsigned(a, b) : a / b;
    }
}
