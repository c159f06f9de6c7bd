package dev.kiln.ops.unary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector Erf and Gelu loops against the double-precision reference formulas, tails included. */
class ErfKernelTest {
    @Test
    void erfMatchesTheReferenceOnEveryLength() {
        Random rnd = new Random(1);
        for (int n : new int[] {0, 1, 7, 8, 9, 31, 100, 70_001}) {
            float[] x = new float[n], y = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * 2);
            ErfKernel.erf(x, y);
            for (int i = 0; i < n; i++) assertEquals(Erf.erf(x[i]), y[i], 1e-6, "n=" + n + " at " + i);
        }
    }

    @Test
    void geluMatchesTheReferenceRelativeToItsValue() {
        Random rnd = new Random(2);
        for (int n : new int[] {1, 5, 16, 17, 40_003}) {
            float[] x = new float[n], y = new float[n], yt = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * 3);
            ErfKernel.gelu(x, y);
            ErfKernel.geluTanh(x, yt);
            for (int i = 0; i < n; i++) {
                double v = x[i];
                double exact = 0.5 * v * (1 + Erf.erf(v * Math.sqrt(0.5)));
                double tanh = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                assertEquals(exact, y[i], 1e-6 * Math.abs(exact) + 1e-9, "gelu n=" + n + " at " + i + " x=" + v);
                assertEquals(tanh, yt[i], 1e-6 * Math.abs(tanh) + 1e-9, "gelu tanh n=" + n + " at " + i + " x=" + v);
            }
        }
    }

    @Test
    void fastGeluIsWithinItsAbsoluteBound() {
        Random rnd = new Random(3);
        for (int n : new int[] {1, 7, 8, 33, 50_001}) {
            float[] x = new float[n], y = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * 3);
            ErfKernel.geluFast(x, y);
            for (int i = 0; i < n; i++) {
                double v = x[i];
                double exact = 0.5 * v * (1 + Erf.erf(v * Math.sqrt(0.5)));
                assertEquals(exact, y[i], 2.5e-7 * Math.abs(v) + 1.2e-7 * Math.abs(exact) + 1e-12,
                        "n=" + n + " at " + i + " x=" + v);
            }
        }
        // special values, in the vector body and in the tail
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 100f, -100f, 3.9f, -3.9f};
        float[] x = new float[special.length * 2];
        for (int i = 0; i < x.length; i++) x[i] = special[i % special.length];
        float[] y = new float[x.length];
        ErfKernel.geluFast(x, y);
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            float want = Float.isNaN(v) ? Float.NaN : v == Float.NEGATIVE_INFINITY ? 0f
                    : v == Float.POSITIVE_INFINITY ? Float.POSITIVE_INFINITY : (float) (0.5 * v * (1 + Erf.erf(v * Math.sqrt(0.5))));
            assertEquals(want, y[i], 1e-6, "x=" + v);
        }
    }
}
