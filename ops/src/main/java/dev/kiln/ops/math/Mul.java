package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;

/** Mul: {@code C = A * B} elementwise with broadcasting; integers wrap on overflow. */
public final class Mul extends BinaryKernel {
    /** Legacy broadcasting (attributes {@code broadcast}, {@code axis}) before opset 7. */
    public Mul(Node node, LoadContext ctx) {
        super(LegacyBroadcast.before(7, node, ctx));
    }

    @Override
    void op(float[] a, int ai, float[] b, int bi, float[] y, int yi, int n) {
        for (int i = 0; i < n; i++) y[yi + i] = a[ai + i] * b[bi + i];
    }

    @Override
    double op(double a, double b) {
        return a * b;
    }

    // c = a * b  =>  dA = dC * b, dB = dC * a
    @Override
    void gradient(double[] a, double[] b, double[] y, double[] dY, double[] dA, double[] dB) {
        for (int i = 0; i < dY.length; i++) {
            dA[i] = dY[i] * b[i];
            dB[i] = dY[i] * a[i];
        }
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        return a * b;
    }
}
