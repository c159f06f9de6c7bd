package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Exp: {@code e^x} elementwise. */
public final class Exp extends UnaryKernel {
    public Exp(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.exp(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.exp(x);
    }

    // y = e^x  =>  dX = dY * y
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * y[i];
    }
}
