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

    // y = max(0, min(1, alpha * x + beta))  =>  dX = alpha * dY where 0 < alpha * x + beta < 1, else 0
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) {
            double v = alpha * x[i] + beta;
            dX[i] = v > 0 && v < 1 ? alpha * dY[i] : 0;
        }
    }
}
