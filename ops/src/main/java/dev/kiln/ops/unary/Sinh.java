package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Sinh: the hyperbolic sine elementwise. */
public final class Sinh extends UnaryKernel {
    public Sinh(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.sinh(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.sinh(x);
    }

    // y = sinh x  =>  dX = dY * cosh x
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * Math.cosh(x[i]);
    }
}
