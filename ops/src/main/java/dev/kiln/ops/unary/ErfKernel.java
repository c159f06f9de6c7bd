package dev.kiln.ops.unary;

import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.common.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API float32 loops for Erf and Gelu ({@link VectorMath}); the elements past the last
 * whole vector take the double-precision reference formula. Large arrays are split across the
 * intra-op threads. Only use it when {@link dev.kiln.ops.common.Vectors#ENABLED}.
 */
public final class ErfKernel {
    private static final VectorSpecies<Float> S = VectorMath.S;
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
    /** Elements per parallel task. */
    private static final int BLOCK = 1 << 15;

    private ErfKernel() {}

    /** {@code y[i] = erf(x[i])}. */
    public static void erf(float[] x, float[] y) {
        blocks(x.length, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
                VectorMath.erf(FloatVector.fromArray(S, x, i)).intoArray(y, i);
            }
            for (; i < to; i++) y[i] = (float) Erf.erf(x[i]);
        });
    }

    /** {@code y[i] = x[i] * Phi(x[i])}, the exact Gelu. */
    public static void gelu(float[] x, float[] y) {
        blocks(x.length, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                v.mul(VectorMath.normalCdf(v)).intoArray(y, i);
            }
            for (; i < to; i++) y[i] = (float) (0.5 * x[i] * (1 + Erf.erf(x[i] * Math.sqrt(0.5))));
        });
    }

    /**
     * {@code y[i] = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, the tanh Gelu, computed as
     * {@code x / (1 + e^(-2u))} (the same value, without cancellation for negative x).
     */
    public static void geluTanh(float[] x, float[] y) {
        blocks(x.length, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                FloatVector u = v.mul(v).fma(0.044715f, 1f).mul(v).mul(-2 * SQRT_2_OVER_PI);
                v.div(VectorMath.exp(u).add(1f)).intoArray(y, i);
            }
            for (; i < to; i++) {
                double u = SQRT_2_OVER_PI * (x[i] + 0.044715 * x[i] * x[i] * x[i]);
                y[i] = (float) (0.5 * x[i] * (1 + Math.tanh(u)));
            }
        });
    }

    private interface Range {
        void run(int from, int to);
    }

    private static void blocks(int n, Range body) {
        int tasks = (n + BLOCK - 1) / BLOCK;
        Parallel.forEach(tasks, Parallel.threads(), t -> body.run(t * BLOCK, Math.min(n, (t + 1) * BLOCK)));
    }
}
