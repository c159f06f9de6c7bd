package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Tanh: the hyperbolic tangent elementwise. */
public final class Tanh extends UnaryKernel {
    public Tanh(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.tanh(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.tanh(x);
    }

    // y = tanh x  =>  dX = dY * (1 - y^2)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * (1 - y[i] * y[i]);
    }
}
