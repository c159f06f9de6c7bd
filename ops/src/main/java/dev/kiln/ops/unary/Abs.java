package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Abs: {@code |x|} elementwise; signed integers wrap at the minimum value. */
public final class Abs extends UnaryKernel {
    public Abs(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.abs(x);
    }

    // y = |x|  =>  dX = dY * sign(x) (0 at x = 0)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * Math.signum(x[i]);
    }

    @Override
    protected boolean acceptsIntegers() {
        return true;
    }

    @Override
    protected long apply(long x, boolean unsigned) {
        return unsigned ? x : Math.abs(x);
    }
}
