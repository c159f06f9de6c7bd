package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Acos: the arccosine elementwise. */
public final class Acos extends UnaryKernel {
    public Acos(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.acos(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.acos(x);
    }
}
