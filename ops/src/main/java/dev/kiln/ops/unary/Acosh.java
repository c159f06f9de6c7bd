package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Acosh: the inverse hyperbolic cosine elementwise (NaN below 1). */
public final class Acosh extends UnaryKernel {
    public Acosh(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) acosh(x[i]);
    }

    @Override
    protected double apply(double x) {
        return acosh(x);
    }

    // y = acosh x  =>  dX = dY / sqrt(x^2 - 1) = dY / (sqrt(x - 1) * sqrt(x + 1))
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] / (Math.sqrt(x[i] - 1) * Math.sqrt(x[i] + 1));
    }

    /** The inverse hyperbolic cosine of x (NaN below 1). */
    public static double acosh(double x) {
        return Math.log(x + Math.sqrt(x - 1) * Math.sqrt(x + 1));
    }
}
