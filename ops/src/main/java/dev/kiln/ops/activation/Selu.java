package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Selu: {@code gamma * (x <= 0 ? alpha * (e^x - 1) : x)} elementwise. */
public final class Selu extends UnaryKernel {
    private final float alpha;
    private final float gamma;

    public Selu(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 1.67326319217681884765625f);
        this.gamma = node.attributes().getFloat("gamma", 1.05070102214813232421875f);
    }

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) selu(x[i]);
    }

    @Override
    protected double apply(double x) {
        return selu(x);
    }

    // y = gamma * (x <= 0 ? alpha * (e^x - 1) : x)  =>  dX = gamma * (x <= 0 ? alpha * e^x : 1) * dY
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = gamma * (x[i] <= 0 ? alpha * Math.exp(x[i]) : 1) * dY[i];
    }

    /** {@code gamma * (x <= 0 ? alpha * (e^x - 1) : x)} of one value. */
    private double selu(double x) {
        return x <= 0 ? gamma * (alpha * Math.exp(x) - alpha) : gamma * x;
    }
}
