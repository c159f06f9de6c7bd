package dev.kiln.ops.activation;

import dev.kiln.ops.unary.UnaryKernel;
import dev.kiln.runtime.graph.Node;

/**
 * Shrink: {@code x < -lambd ? x + bias : x > lambd ? x - bias : 0} elementwise, for float and
 * integer tensors (integer results truncate toward zero when bias is fractional).
 */
public final class Shrink extends UnaryKernel {
    private final float lambd;
    private final float bias;

    public Shrink(Node node) {
        this.lambd = node.attributes().getFloat("lambd", 0.5f);
        this.bias = node.attributes().getFloat("bias", 0.0f);
    }

    @Override
    protected void apply(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            y[i] = v < -lambd ? v + bias : v > lambd ? v - bias : 0f;
        }
    }

    @Override
    protected double apply(double x) {
        return x < -lambd ? x + bias : x > lambd ? x - bias : 0;
    }

    // y = x < -lambd ? x + bias : x > lambd ? x - bias : 0  =>  dX = |x| > lambd ? dY : 0
    @Override
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = x[i] < -lambd || x[i] > lambd ? dY[i] : 0;
    }

    @Override
    protected boolean acceptsIntegers() {
        return true;
    }

    @Override
    protected long apply(long x, boolean unsigned) {
        // Compare in double (exact far beyond any realistic lambd); shift exactly when bias is whole.
        double v = unsigned && x < 0 ? Math.scalb((double) (x >>> 1), 1) : (double) x;
        boolean wholeBias = bias == Math.rint(bias);
        if (v < -lambd) return wholeBias ? x + (long) bias : (long) (v + bias);
        if (v > lambd) return wholeBias ? x - (long) bias : (long) (v - bias);
        return 0;
    }
}
