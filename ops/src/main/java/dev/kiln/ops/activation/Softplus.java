package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Softplus: {@code ln(1 + e^x)} elementwise. */
public final class Softplus extends UnaryKernel {
    public Softplus(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) softplus(x[i]);
    }

    @Override
    protected double apply(double x) {
        return softplus(x);
    }

    // y = ln(1 + e^x)  =>  dX = dY * sigmoid(x)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * Sigmoid.sigmoid(x[i]);
    }

    /** {@code ln(1 + e^x)} of one value. */
    public static double softplus(double x) {
        // ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|), which never overflows
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
