package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Atan: the arctangent elementwise. */
public final class Atan extends UnaryKernel {
    public Atan(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.atan(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.atan(x);
    }

    // y = atan x  =>  dX = dY / (1 + x^2)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] / (1 + x[i] * x[i]);
    }
}
