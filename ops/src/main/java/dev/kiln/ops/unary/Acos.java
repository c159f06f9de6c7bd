package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Acos: the arccosine elementwise. */
public final class Acos extends UnaryKernel {
    public Acos(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.acos(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.acos(x);
    }

    // y = acos x  =>  dX = -dY / sqrt(1 - x^2)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = -dY[i] / Math.sqrt((1 - x[i]) * (1 + x[i]));
    }
}
