package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Floor: the largest integer not above x, elementwise. */
public final class Floor extends UnaryKernel {
    public Floor(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.floor(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.floor(x);
    }
}
