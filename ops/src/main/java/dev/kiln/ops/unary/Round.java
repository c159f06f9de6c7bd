package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Round: to the nearest integer elementwise, halves to even. */
public final class Round extends UnaryKernel {
    public Round(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.rint(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.rint(x);
    }
}
