package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Neg: {@code -x} elementwise; integers wrap. */
public final class Neg extends UnaryKernel {
    public Neg(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = -x[i];
    }

    @Override
    protected double apply(double x) {
        return -x;
    }

    @Override
    protected boolean acceptsIntegers() {
        return true;
    }

    @Override
    protected long apply(long x, boolean unsigned) {
        return -x;
    }
}
