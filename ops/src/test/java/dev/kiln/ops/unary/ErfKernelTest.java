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
}
