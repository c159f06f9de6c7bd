package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Relu: {@code max(0, x)} elementwise. */
public final class Relu extends UnaryKernel {
    public Relu(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = Math.max(x[i], 0f);
    }

    @Override
    protected double apply(double x) {
        return Math.max(x, 0);
    }

    // y = max(0, x)  =>  dX = x > 0 ? dY : 0
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = x[i] > 0 ? dY[i] : 0;
    }

    @Override
    protected boolean acceptsIntegers() {
        return true;
    }

    @Override
    protected long apply(long x, boolean unsigned) {
        return unsigned ? x : Math.max(x, 0);
    }
}
