package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Sign: -1, 0 or 1 by the sign of x, elementwise (NaN stays NaN). */
public final class Sign extends UnaryKernel {
    public Sign(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = Math.signum(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.signum(x);
    }

    @Override
    protected boolean acceptsIntegers() {
        return true;
    }

    @Override
    protected long apply(long x, boolean unsigned) {
        return unsigned ? (x != 0 ? 1 : 0) : Long.signum(x);
    }
}
