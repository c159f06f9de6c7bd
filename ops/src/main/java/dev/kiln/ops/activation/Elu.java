package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Elu: {@code x < 0 ? alpha * (e^x - 1) : x} elementwise. */
public final class Elu extends UnaryKernel {
    private final float alpha;

    public Elu(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 1.0f);
    }

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) elu(x[i]);
    }

    @Override
    protected double apply(double x) {
        return elu(x);
    }

    // y = x < 0 ? alpha * (e^x - 1) : x  =>  dX = x < 0 ? alpha * e^x * dY : dY
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = x[i] < 0 ? alpha * Math.exp(x[i]) * dY[i] : dY[i];
    }

    /** {@code x < 0 ? alpha * (e^x - 1) : x} of one value. */
    private double elu(double x) {
        return x < 0 ? alpha * Math.expm1(x) : x;
    }
}
