package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** HardSwish: {@code x * max(0, min(1, x / 6 + 1/2))} elementwise. */
public final class HardSwish extends UnaryKernel {
    public HardSwish(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = x[i] * Math.max(0f, Math.min(1f, x[i] / 6f + 0.5f));
    }

    @Override
    protected double apply(double x) {
        return x * Math.max(0, Math.min(1, x / 6 + 0.5));
    }

    // y = x * max(0, min(1, x / 6 + 1/2))  =>  dX = dY * (x < -3 ? 0 : x > 3 ? 1 : x / 3 + 1/2)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) {
            double v = x[i] / 6 + 0.5;
            dX[i] = v <= 0 ? 0 : v >= 1 ? dY[i] : dY[i] * (x[i] / 3 + 0.5);
        }
    }
}
