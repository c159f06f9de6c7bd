package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Reciprocal: {@code 1 / x} elementwise. */
public final class Reciprocal extends UnaryKernel {
    public Reciprocal(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = 1f / x[i];
    }

    @Override
    protected double apply(double x) {
        return 1 / x;
    }

    // y = 1 / x  =>  dX = -dY * y^2
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = -dY[i] * y[i] * y[i];
    }
}
