package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Swish: {@code x * sigmoid(alpha * x)} elementwise. */
public final class Swish extends UnaryKernel {
    private final float alpha;

    public Swish(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 1.0f);
    }

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) swish(x[i]);
    }

    @Override
    protected double apply(double x) {
        return swish(x);
    }

    // y = x * s, s = sigmoid(alpha * x)  =>  dX = dY * (s + alpha * x * s * (1 - s))
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) {
            double s = Sigmoid.sigmoid(alpha * x[i]);
            dX[i] = dY[i] * (s + alpha * x[i] * s * (1 - s));
        }
    }

    /** {@code x * sigmoid(alpha * x)} of one value. */
    private double swish(double x) {
        return x * Sigmoid.sigmoid(alpha * x);
    }
}
