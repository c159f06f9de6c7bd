package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** LeakyRelu: {@code x < 0 ? alpha * x : x} elementwise. */
public final class LeakyRelu extends UnaryKernel {
    private final float alpha;

    public LeakyRelu(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 0.01f);
    }

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = x[i] < 0 ? alpha * x[i] : x[i];
    }

    @Override
    protected double apply(double x) {
        return x < 0 ? alpha * x : x;
    }

    // y = x < 0 ? alpha * x : x  =>  dX = x < 0 ? alpha * dY : dY
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = x[i] < 0 ? alpha * dY[i] : dY[i];
    }
}
