package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Asinh: the inverse hyperbolic sine elementwise. */
public final class Asinh extends UnaryKernel {
    public Asinh(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) asinh(x[i]);
    }

    @Override
    protected double apply(double x) {
        return asinh(x);
    }

    // y = asinh x  =>  dX = dY / sqrt(x^2 + 1)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] / Math.sqrt(x[i] * x[i] + 1);
    }

    /** The inverse hyperbolic sine of x. */
    public static double asinh(double x) {
        double a = Math.abs(x);
        if (a > 1e8) return Math.copySign(Math.log(a) + Math.log(2), x); // a^2 + 1 == a^2 here
        // log(a + sqrt(a^2 + 1)), written with log1p to stay accurate near 0
        double r = Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }
}
