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

    // y = -x  =>  dX = -dY
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = -dY[i];
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
