package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** HardSigmoid: {@code max(0, min(1, alpha * x + beta))} elementwise. */
public final class HardSigmoid extends UnaryKernel {
    private final float alpha;
    private final float beta;

    public HardSigmoid(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 0.2f);
        this.beta = node.attributes().getFloat("beta", 0.5f);
    }

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = Math.max(0f, Math.min(1f, alpha * x[i] + beta));
    }

    @Override
    protected double apply(double x) {
        return Math.max(0, Math.min(1, alpha * x + beta));
    }
}
