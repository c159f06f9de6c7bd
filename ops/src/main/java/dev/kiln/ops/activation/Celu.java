package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Celu: {@code max(0, x) + min(0, alpha * (e^(x/alpha) - 1))} elementwise. */
public final class Celu extends UnaryKernel {
    private final float alpha;

    public Celu(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 1.0f);
    }

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) celu(x[i]);
    }

    @Override
    protected double apply(double x) {
        return celu(x);
    }

    // y = max(0, x) + min(0, alpha * (e^(x/alpha) - 1))  =>  dX = x > 0 ? dY : e^(x/alpha) * dY
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = x[i] > 0 ? dY[i] : Math.exp(x[i] / alpha) * dY[i];
    }

    /** {@code max(0, x) + min(0, alpha * (e^(x/alpha) - 1))} of one value. */
    private double celu(double x) {
        return Math.max(0, x) + Math.min(0, alpha * Math.expm1(x / alpha));
    }
}
