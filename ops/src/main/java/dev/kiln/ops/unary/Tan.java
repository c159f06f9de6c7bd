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
}
