package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;

/**
 * Selu: {@code gamma * (x <= 0 ? alpha * (e^x - 1) : x)} elementwise. The defaults are the float32
 * values of alpha = 1.67326... and gamma = 1.05070... from opset 6; opset 1 rounded them to
 * 1.6732 and 1.0507.
 */
public final class Selu extends UnaryKernel {
    private final float alpha;
    private final float gamma;

    /** With the defaults of opset 6+. */
    public Selu(Node node) {
        this(node, false);
    }

    /** As registered: opset 1's defaults before opset 6. */
    public Selu(Node node, LoadContext ctx) {
        this(node, ctx.sinceVersion() < 6);
    }

    private Selu(Node node, boolean opset1Defaults) {
        this.alpha = node.attributes().getFloat("alpha", opset1Defaults ? 1.6732f : 1.67326319217681884765625f);
        this.gamma = node.attributes().getFloat("gamma", opset1Defaults ? 1.0507f : 1.05070102214813232421875f);
    }

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) selu(x[i]);
    }

    @Override
    protected double apply(double x) {
        return selu(x);
    }

    // y = gamma * (x <= 0 ? alpha * (e^x - 1) : x)  =>  dX = gamma * (x <= 0 ? alpha * e^x : 1) * dY
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = gamma * (x[i] <= 0 ? alpha * Math.exp(x[i]) : 1) * dY[i];
    }

    /** {@code gamma * (x <= 0 ? alpha * (e^x - 1) : x)} of one value. */
    private double selu(double x) {
        return x <= 0 ? gamma * (alpha * Math.exp(x) - alpha) : gamma * x;
    }
}
