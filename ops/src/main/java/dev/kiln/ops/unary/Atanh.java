package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Atanh: the inverse hyperbolic tangent elementwise (NaN outside [-1, 1]). */
public final class Atanh extends UnaryKernel {
    public Atanh(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) atanh(x[i]);
    }

    @Override
    protected double apply(double x) {
        return atanh(x);
    }

    // y = atanh x  =>  dX = dY / (1 - x^2)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] / ((1 - x[i]) * (1 + x[i]));
    }

    /** The inverse hyperbolic tangent of x (NaN outside [-1, 1]). */
    public static double atanh(double x) {
        return 0.5 * Math.log1p(2 * x / (1 - x));
    }
}
