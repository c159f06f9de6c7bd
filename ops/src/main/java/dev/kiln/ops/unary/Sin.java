package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Sin: the sine elementwise. */
public final class Sin extends UnaryKernel {
    public Sin(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.sin(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.sin(x);
    }

    // y = sin x  =>  dX = dY * cos x
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * Math.cos(x[i]);
    }
}
