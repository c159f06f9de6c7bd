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

    /** {@code x * sigmoid(alpha * x)} of one value. */
    private double swish(double x) {
        return x * Sigmoid.sigmoid(alpha * x);
    }
}
