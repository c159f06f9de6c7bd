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
}
