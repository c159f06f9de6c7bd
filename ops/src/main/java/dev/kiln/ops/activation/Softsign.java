package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Softsign: {@code x / (1 + |x|)} elementwise. */
public final class Softsign extends UnaryKernel {
    public Softsign(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = x[i] / (1f + Math.abs(x[i]));
    }

    @Override
    protected double apply(double x) {
        return x / (1 + Math.abs(x));
    }

    // y = x / (1 + |x|)  =>  dX = dY / (1 + |x|)^2
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) {
            double d = 1 + Math.abs(x[i]);
            dX[i] = dY[i] / (d * d);
        }
    }
}
