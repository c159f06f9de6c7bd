package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** ThresholdedRelu: {@code x > alpha ? x : 0} elementwise. */
public final class ThresholdedRelu extends UnaryKernel {
    private final float alpha;

    public ThresholdedRelu(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 1.0f);
    }

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = x[i] > alpha ? x[i] : 0f;
    }

    @Override
    protected double apply(double x) {
        return x > alpha ? x : 0;
    }

    // y = x > alpha ? x : 0  =>  dX = x > alpha ? dY : 0
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = x[i] > alpha ? dY[i] : 0;
    }
}
