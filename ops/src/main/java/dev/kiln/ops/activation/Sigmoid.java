package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Sigmoid: {@code 1 / (1 + e^-x)} elementwise. */
public final class Sigmoid extends UnaryKernel {
    public Sigmoid(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) sigmoid(x[i]);
    }

    @Override
    protected double apply(double x) {
        return sigmoid(x);
    }

    // y = 1 / (1 + e^-x)  =>  dX = dY * y * (1 - y)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * y[i] * (1 - y[i]);
    }

    /** {@code 1 / (1 + e^-x)} of one value. */
    public static double sigmoid(double x) {
        // e^-|x| never overflows
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
