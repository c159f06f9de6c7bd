package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Tan: the tangent elementwise. */
public final class Tan extends UnaryKernel {
    public Tan(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.tan(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.tan(x);
    }

    // y = tan x  =>  dX = dY * (1 + y^2)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * (1 + y[i] * y[i]);
    }
}
