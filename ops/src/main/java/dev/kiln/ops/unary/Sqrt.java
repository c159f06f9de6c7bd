package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Sqrt: the square root elementwise (NaN for negative inputs). */
public final class Sqrt extends UnaryKernel {
    public Sqrt(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.sqrt(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.sqrt(x);
    }

    // y = sqrt x  =>  dX = dY / (2 y)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] / (2 * y[i]);
    }
}
