package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/** Mish: {@code x * tanh(softplus(x))} elementwise. */
public final class Mish extends UnaryKernel {
    public Mish(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = (float) mish(x[i]);
    }

    @Override
    protected double apply(double x) {
        return mish(x);
    }

    // y = x * tanh(softplus(x))  =>  dX = dY * (t + x * (1 - t^2) * sigmoid(x)), t = tanh(softplus(x))
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) {
            double t = Math.tanh(Softplus.softplus(x[i]));
            dX[i] = dY[i] * (t + x[i] * (1 - t * t) * Sigmoid.sigmoid(x[i]));
        }
    }

    /** {@code x * tanh(softplus(x))} of one value. */
    public static double mish(double x) {
        return x * Math.tanh(Softplus.softplus(x));
    }
}
