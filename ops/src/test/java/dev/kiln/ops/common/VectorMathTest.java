package dev.kiln.ops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ops.unary.Erf;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    private static final int V = VectorMath.S.length();

    @Test
    void expHasRelativeErrorBelow2e7AndReturnsTheSum() {
        float[] x = grid(-87.25f, 88.7f, 0.0007f);
        float[] y = new float[x.length];
        VectorMath.expShifted(x, 0, 0f, y, 0, x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(y[i] / Math.exp(x[i]) - 1));
        assertTrue(worst < 2e-7, "worst relative error " + worst);
        float[] small = grid(-10f, 10f, 0.01f);
        float sum = VectorMath.expShifted(small, 0, 0f, new float[small.length], 0, small.length);
        double total = 0;
        for (float v : small) total += Math.exp(v);
        assertEquals(total, sum, 1e-5 * total);
    }

    @Test
    void expOfNonPositiveArgumentsMatchesTheGeneralOne() {
        float[] x = grid(-104f, 0f, 0.0003f);
        float[] y = new float[x.length], general = new float[x.length];
        float sum = VectorMath.expNonPositive(x, 0, 0f, y, 0, x.length);
        VectorMath.expShifted(x, 0, 0f, general, 0, x.length);
        double total = 0;
        int bound = VectorMath.S.loopBound(x.length);
        for (int i = 0; i < bound; i++) {
            double exact = Math.exp(x[i]);
            if (x[i] < -87.3f) {
                assertEquals(0f, y[i], "below the smallest normal at " + x[i]);
            } else {
                assertEquals(exact, y[i], 2e-7 * exact, "exp(" + x[i] + ")");
            }
            total += y[i];
        }
        assertEquals(total, sum, 1e-5 * total);
        // the shift, and the special values of a softmax row (a NaN, a row maximum of -Infinity)
        float[] z = pad(3f, 1f, Float.NaN, Float.NEGATIVE_INFINITY, 3f - 50f);
        float[] out = new float[z.length];
        VectorMath.expNonPositive(z, 0, 3f, out, 0, z.length);
        assertEquals(1f, out[0], 0f);
        assertEquals((float) Math.exp(-2), out[1], 1e-7f);
        assertTrue(Float.isNaN(out[2]));
        assertEquals(0f, out[3], 0f);
        assertEquals((float) Math.exp(-50), out[4], 1e-6f * (float) Math.exp(-50));
    }

    @Test
    void expSpecialValuesAndShift() {
        float[] x = pad(0f, 1f, -1f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 100f, -100f);
        float[] expected = {1f, (float) Math.E, (float) (1 / Math.E), Float.NaN, 0f, Float.POSITIVE_INFINITY,
                Float.POSITIVE_INFINITY, 0f};
        float[] y = new float[x.length];
        VectorMath.expShifted(x, 0, 0f, y, 0, x.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) assertTrue(Float.isNaN(y[i]), "exp(NaN)");
            else assertEquals(expected[i], y[i], Math.ulp(expected[i]), "exp(" + x[i] + ")");
        }
        // e^(x - 2) at offsets
        float[] z = new float[2 * V + 3];
        float[] out = new float[z.length];
        z[3] = 2f;
        VectorMath.expShifted(z, 3, 2f, out, 1, V);
        assertEquals(1f, out[1], 1e-7f);
        assertEquals((float) Math.exp(-2), out[2], 1e-7f);
    }

    @Test
    void erfIsWithin1e6OfTheDoubleReference() {
        float[] x = grid(-10f, 10f, 0.0001f);
        float[] y = new float[x.length];
        VectorMath.erf(x, 0, y, 0, x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(y[i] - Erf.erf(x[i])));
        assertTrue(worst <= 1e-6, "worst absolute error " + worst);
        // tiny arguments keep their relative accuracy (erf(x) ~ 2x / sqrt(pi)); NaN and infinities
        float[] special = pad(1e-30f, -3e-12f, 1e-7f, 2e-4f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
        float[] out = new float[special.length];
        VectorMath.erf(special, 0, out, 0, special.length);
        for (int i = 0; i < 4; i++) assertEquals(Erf.erf(special[i]), out[i], 1e-6 * Math.abs(Erf.erf(special[i])));
        assertTrue(Float.isNaN(out[4]));
        assertEquals(-1f, out[5]);
        assertEquals(1f, out[6]);
    }

    @Test
    void geluKeepsRelativeAccuracyInTheLeftTail() {
        float[] x = grid(-12f, 8f, 0.0003f);
        float[] y = new float[x.length];
        VectorMath.gelu(x, 0, y, 0, x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double tail = 0.5 * erfc(Math.abs(x[i]) * Math.sqrt(0.5));
            double expected = x[i] * (x[i] < 0 ? tail : 1 - tail);
            if (expected != 0) worst = Math.max(worst, Math.abs(y[i] - expected) / Math.abs(expected));
        }
        assertTrue(worst < 1e-5, "worst relative error " + worst);
    }

    // erfc(z) for z >= 0 in double: 1 - erf below 2.5, the continued fraction above
    private static double erfc(double z) {
        if (z < 2.5) return 1 - Erf.erf(z);
        double t = z;
        for (int k = 60; k >= 1; k--) t = z + (k / 2.0) / t;
        return Math.exp(-z * z) / Math.sqrt(Math.PI) / t;
    }

    /** from, from + step, ... below to, padded to whole vectors with the last value. */
    private static float[] grid(float from, float to, float step) {
        int n = (int) ((to - from) / step);
        float[] x = new float[(n + V - 1) / V * V];
        for (int i = 0; i < x.length; i++) x[i] = Math.min(to, from + i * step);
        return x;
    }

    /** The values padded with zeros to whole vectors. */
    private static float[] pad(float... v) {
        return java.util.Arrays.copyOf(v, (v.length + V - 1) / V * V);
    }
}
