package dev.kiln.ops.activation;

import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.unary.Erf;
import dev.kiln.ops.unary.ErfKernel;
import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/**
 * Gelu: {@code x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt 2))} elementwise, or with
 * {@code approximate="tanh"}: {@code 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))}.
 */
public final class Gelu extends UnaryKernel {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private final boolean tanh;

    public Gelu(Node node) {
        String approximate = node.attributes().getString("approximate", "none");
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw new IllegalArgumentException("attribute 'approximate' must be \"none\" or \"tanh\", got \""
                    + approximate + "\"");
        }
        this.tanh = approximate.equals("tanh");
    }

    @Override
    protected void apply(float[] x, float[] y) {
        if (Vectors.ENABLED) {
            if (tanh) ErfKernel.geluTanh(x, y);
            else ErfKernel.gelu(x, y);
            return;
        }
        for (int i = 0; i < x.length; i++) y[i] = (float) gelu(x[i]);
    }

    @Override
    protected double apply(double x) {
        return gelu(x);
    }

    // exact: y = x * Phi(x)  =>  dX = dY * (Phi(x) + x * phi(x)), phi(x) = e^(-x^2/2) / sqrt(2 pi)
    // tanh:  y = 0.5 x (1 + t), t = tanh(u), u = sqrt(2/pi) (x + 0.044715 x^3)
    //        =>  dX = dY * (0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2))
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) {
            double v = x[i];
            if (tanh) {
                double t = Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
                dX[i] = dY[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v));
            } else {
                double phi = Math.exp(-0.5 * v * v) * INV_SQRT_2PI;
                dX[i] = dY[i] * (0.5 * (1 + Erf.erf(v * SQRT_HALF)) + v * phi);
            }
        }
    }

    private double gelu(double x) {
        if (tanh) return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
        return 0.5 * x * (1 + Erf.erf(x * SQRT_HALF));
    }
}
