package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Log: the natural logarithm elementwise. */
public final class Log extends UnaryKernel {
    public Log(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.log(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.log(x);
    }

    // y = ln x  =>  dX = dY / x
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] / x[i];
    }
}
