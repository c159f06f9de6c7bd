package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Cosh: the hyperbolic cosine elementwise. */
public final class Cosh extends UnaryKernel {
    public Cosh(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.cosh(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.cosh(x);
    }

    // y = cosh x  =>  dX = dY * sinh x
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * Math.sinh(x[i]);
    }
}
