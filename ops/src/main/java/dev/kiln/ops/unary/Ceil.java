package dev.kiln.ops.unary;

import dev.kiln.runtime.graph.Node;

/** Ceil: the smallest integer not below x, elementwise. */
public final class Ceil extends UnaryKernel {
    public Ceil(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.ceil(x[i]);
    }

    @Override
    protected double apply(double x) {
        return Math.ceil(x);
    }
}
