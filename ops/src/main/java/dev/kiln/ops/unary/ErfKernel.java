package dev.kiln.ops.unary;

import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.common.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API float32 loops for Erf and Gelu ({@link VectorMath}); the elements past the last
 * whole vector take the double-precision reference formula. Large arrays are split across the
 * intra-op threads. Only use it when {@link dev.kiln.ops.common.Vectors#ENABLED}.
 */
public final class ErfKernel {
    private static final VectorSpecies<Float> S = VectorMath.S;
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    /** From here on erf is 1 in float32. */
    private static final float ERF_ONE = 3.9f;
    // erf(z) ~ z P(z^2) / Q(z^2): P's and Q's coefficients, lowest degree first (Q0 = 1)
    private static final float R0 = 1.128379225730896f, R1 = 0.18527711927890778f, R2 = 0.054325565695762634f,
            R3 = 0.0038524989504367113f, R4 = 0.0003795936645474285f, R5 = 4.681940936279716e-06f,
            R6 = -1.318817322015775e-08f;
    private static final float S1 = 0.497530996799469f, S2 = 0.11398792266845703f, S3 = 0.015467903576791286f,
            S4 = 0.0013081460492685437f, S5 = 6.308748561423272e-05f;
    /** Elements per parallel task. */
    private static final int BLOCK = 1 << 13;

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
        blocks(x.length, (from, len) -> geluTanh(x, y, from, len));
    }

    // the body of a block in its own method: inside the lambda C2 can leave the vectors boxed
    private static void geluTanh(float[] x, float[] y, int from, int len) {
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
    }

    /**
     * {@code y[i] = x[i] * (1 + erf(x[i] / sqrt 2)) / 2}, the exact Gelu in one cheap pass, for
     * fused graph kernels: erf is the rational function {@link #erfRational} (no exp), with
     * absolute error below 4e-7, so that Gelu's absolute error is below {@code 2e-7 * |x|}. Its
     * relative accuracy fades in the left tail (x below about -3), where the model's own chain
     * {@code 1 + erf} cancels in float32 as well. The standard Gelu and Erf ops use the
     * tail-accurate kernels above.
     */
    public static void geluFast(float[] x, float[] y) {
        blocks(x.length, (from, len) -> geluFast(x, from, y, from, len));
    }

    /** {@link #geluFast(float[], float[])} on {@code n} elements from the offsets, on this thread ({@code y} may be {@code x}). */
    public static void geluFast(float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector z = v.mul(SQRT_HALF).max(-ERF_ONE).min(ERF_ONE);
            FloatVector t = z.mul(z);
            FloatVector p = t.fma(R6, R5).fma(t, FloatVector.broadcast(S, R4)).fma(t, FloatVector.broadcast(S, R3))
                    .fma(t, FloatVector.broadcast(S, R2)).fma(t, FloatVector.broadcast(S, R1))
                    .fma(t, FloatVector.broadcast(S, R0));
            FloatVector q = t.fma(S5, S4).fma(t, FloatVector.broadcast(S, S3)).fma(t, FloatVector.broadcast(S, S2))
                    .fma(t, FloatVector.broadcast(S, S1)).fma(t, FloatVector.broadcast(S, 1f));
            FloatVector e = z.mul(p).div(q).min(1f).max(-1f);
            FloatVector g = v.mul(0.5f).mul(e.add(1f));
            // gelu(-Infinity) = 0 (the product above would be -Infinity * 0)
            g.blend(0f, v.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v == Float.NEGATIVE_INFINITY ? 0f : v * 0.5f * (erfRational(v * SQRT_HALF) + 1f);
        }
    }

    /**
     * erf as a rational function, {@code z P(z^2) / Q(z^2)} on |z| <= 3.9 (fitted here to erf by
     * iteratively reweighted least squares; max error of the fit 4e-9, 3e-7 once evaluated in
     * float32), and +-1 beyond.
     */
    static float erfRational(float z) {
        if (Float.isNaN(z)) return z;
        z = Math.max(-ERF_ONE, Math.min(ERF_ONE, z));
        float t = z * z;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(R6, t, R5), t, R4), t, R3), t, R2), t, R1), t, R0);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(S5, t, S4), t, S3), t, S2), t, S1), t, 1f);
        return Math.max(-1f, Math.min(1f, z * p / q));
    }

    private interface Range {
        void run(int from, int len);
    }

    private static void blocks(int n, Range body) {
        int tasks = (n + BLOCK - 1) / BLOCK;
        Parallel.forEach(tasks, Parallel.threads(), t -> body.run(t * BLOCK, Math.min(BLOCK, n - t * BLOCK)));
    }
}
