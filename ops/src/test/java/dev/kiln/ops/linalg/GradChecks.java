package dev.kiln.ops.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.exec.GradientCheck;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;

/** Test helpers for backward passes: random inputs and finite-difference checks in both precisions. */
public final class GradChecks {
    /** float64: step and largest accepted relative error. */
    public static final double EPS64 = 1e-6, BAR64 = 1e-6;
    /** float32: step and largest accepted relative error. */
    public static final double EPS32 = 1e-2, BAR32 = 2e-3;

    private GradChecks() {}

    /** A float32 tensor of uniform values in [-1, 1). */
    public static Tensor rand(SplittableRandom rnd, long... dims) {
        float[] v = new float[(int) Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextDouble() * 2 - 1);
        return Tensor.of(v, dims);
    }

    /**
     * A float32 tensor holding a random permutation of {@code (i - size / 2) * 0.05}: distinct
     * values at least 0.05 apart, so a max never switches under a float32 finite-difference step.
     */
    public static Tensor distinct(SplittableRandom rnd, long... dims) {
        int n = (int) Shape.of(dims).size();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) ((i - n / 2) * 0.05);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, dims);
    }

    /** All true. */
    public static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    /** Checks {@code op} in float64 (inputs widened) and in float32 against the bars. */
    public static void check(String what, Op op, Tensor[] float32Inputs, boolean[] differentiable) {
        check64(what, op, float32Inputs, differentiable);
        check32(what, op, float32Inputs, differentiable);
    }

    /** The float64 check alone (the inputs are widened when float32). */
    public static void check64(String what, Op op, Tensor[] inputs, boolean[] differentiable) {
        GradientCheck.Report r = GradientCheck.check(op, GradientCheck.toFloat64(inputs), differentiable, EPS64, 11);
        assertTrue(r.relativeError() <= BAR64, what + " float64: relative error " + r.relativeError()
                + " at input " + r.worstInput());
    }

    /** The float32 check alone. */
    public static void check32(String what, Op op, Tensor[] inputs, boolean[] differentiable) {
        for (Tensor t : inputs) {
            if (t != null && t.dtype().isFloatingPoint() && t.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException("check32 wants float32 inputs, got " + t.describe());
            }
        }
        GradientCheck.Report r = GradientCheck.check(op, inputs, differentiable, EPS32, 12);
        assertTrue(r.relativeError() <= BAR32, what + " float32: relative error " + r.relativeError()
                + " at input " + r.worstInput());
    }
}
