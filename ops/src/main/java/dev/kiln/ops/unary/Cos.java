package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Cos: the cosine elementwise. */
public final class Cos extends UnaryKernel {
    public Cos(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.cos(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.cos(x);
    }

    // y = cos x  =>  dX = -dY * sin x
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = -dY[i] * Math.sin(x[i]);
    }
}
