package dev.kiln.ops.unary;

import dev.kiln.ops.common.Vectors;
import dev.kiln.runtime.graph.Node;

/** Erf: the Gauss error function elementwise. */
public final class Erf extends UnaryKernel {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    /** 1 / (2n + 1): the series multiplies instead of dividing; 2.5 needs fewer than 48 terms. */
    private static final double[] INV_ODD = new double[48];

    static {
        for (int n = 0; n < INV_ODD.length; n++) INV_ODD[n] = 1.0 / (2 * n + 1);
    }

    public Erf(Node node) {}

    @Override
    protected void apply(float[] x, float[] y) {
        if (Vectors.ENABLED) {
            ErfKernel.erf(x, y);
            return;
        }
        for (int i = 0; i < x.length; i++) y[i] = (float) erf(x[i]);
    }

    @Override
    protected double apply(double x) {
        return erf(x);
    }

    // y = erf x  =>  dX = dY * 2/sqrt(pi) * e^(-x^2)
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[i] * TWO_OVER_SQRT_PI * Math.exp(-x[i] * x[i]);
    }

    /**
     * The error function {@code erf(x) = 2/sqrt(pi) * integral_0^x e^(-t^2) dt}, to about double
     * precision. Below |x| = 2.5 it sums the series
     * {@code 2/sqrt(pi) * e^(-x^2) * sum_n (2x^2)^n * x / (1*3*...*(2n+1))}, whose terms are all
     * positive (no cancellation); above, it takes {@code 1 - erfc(x)} with erfc's continued
     * fraction; from 6 on, erf is 1 in double.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        double r;
        if (a < 2.5) {
            double twoA2 = 2 * a * a;
            double term = a;
            double sum = a;
            for (int n = 1; term > sum * 1e-17 && n < INV_ODD.length; n++) {
                term *= twoA2 * INV_ODD[n];
                sum += term;
            }
            r = TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
        } else if (a < 6) {
            // erfc(a) = e^(-a^2)/sqrt(pi) / (a + (1/2)/(a + (2/2)/(a + (3/2)/(a + ...))))
            double t = a;
            for (int k = 40; k >= 1; k--) t = a + (k / 2.0) / t;
            r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / t;
        } else {
            r = 1;
        }
        return Math.copySign(r, x);
    }
}
