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
        blocks(x.length, (from, len) -> {
            VectorMath.erf(x, from, y, from, len);
            for (int i = from + S.loopBound(len); i < from + len; i++) y[i] = (float) Erf.erf(x[i]);
        });
    }

    /** {@code y[i] = x[i] * Phi(x[i])}, the exact Gelu. */
    public static void gelu(float[] x, float[] y) {
        blocks(x.length, (from, len) -> {
            VectorMath.gelu(x, from, y, from, len);
            for (int i = from + S.loopBound(len); i < from + len; i++) {
                y[i] = (float) (0.5 * x[i] * (1 + Erf.erf(x[i] * Math.sqrt(0.5))));
            }
        });
    }

    /**
     * {@code y[i] = 0.5 x (1 + tanh(u))}, {@code u = sqrt(2/pi) (x + 0.044715 x^3)}, the tanh
     * Gelu, computed as {@code x / (1 + e^(-2u))} (the same value, without cancellation for
     * negative x).
     */
    public static void geluTanh(float[] x, float[] y) {
        blocks(x.length, (from, len) -> {
            int bound = S.loopBound(len);
            // y = -2u, then e^(-2u) in place, then x / (1 + e^(-2u))
            for (int i = from; i < from + bound; i += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                v.mul(v).fma(0.044715f, 1f).mul(v).mul(-2 * SQRT_2_OVER_PI).intoArray(y, i);
            }
            VectorMath.expShifted(y, from, 0f, y, from, bound);
            for (int i = from; i < from + bound; i += S.length()) {
                FloatVector.fromArray(S, x, i).div(FloatVector.fromArray(S, y, i).add(1f)).intoArray(y, i);
            }
            for (int i = from + bound; i < from + len; i++) {
                double u = SQRT_2_OVER_PI * (x[i] + 0.044715 * x[i] * x[i] * x[i]);
                y[i] = (float) (0.5 * x[i] * (1 + Math.tanh(u)));
            }
        });
    }

    private interface Range {
        void run(int from, int len);
    }

    private static void blocks(int n, Range body) {
        int tasks = (n + BLOCK - 1) / BLOCK;
        Parallel.forEach(tasks, Parallel.threads(), t -> body.run(t * BLOCK, Math.min(BLOCK, n - t * BLOCK)));
    }
}
