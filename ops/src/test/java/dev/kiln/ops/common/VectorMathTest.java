package dev.kiln.ops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ops.unary.Erf;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    private static final int V = VectorMath.S.length();

    @Test
    void expHasRelativeErrorBelow2e7() {
        double worst = 0;
        for (float x = -87.25f; x < 88.7f; x += 0.0007f) {
            float y = lane(VectorMath.exp(FloatVector.broadcast(VectorMath.S, x)));
            worst = Math.max(worst, Math.abs(y / Math.exp(x) - 1));
        }
        assertTrue(worst < 2e-7, "worst relative error " + worst);
    }

    @Test
    void expSpecialValues() {
        float[] x = {0f, 1f, -1f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 100f, -100f};
        float[] expected = {1f, (float) Math.E, (float) (1 / Math.E), Float.NaN, 0f, Float.POSITIVE_INFINITY,
                Float.POSITIVE_INFINITY, 0f};
        for (int i = 0; i < x.length; i++) {
            float y = lane(VectorMath.exp(FloatVector.broadcast(VectorMath.S, x[i])));
            if (Float.isNaN(expected[i])) assertTrue(Float.isNaN(y), "exp(NaN)");
            else assertEquals(expected[i], y, Math.ulp(expected[i]), "exp(" + x[i] + ")");
        }
    }

    @Test
    void erfIsWithin1e6OfTheDoubleReference() {
        double worst = 0;
        for (float x = -10f; x <= 10f; x += 0.0001f) {
            float y = lane(VectorMath.erf(FloatVector.broadcast(VectorMath.S, x)));
            worst = Math.max(worst, Math.abs(y - Erf.erf(x)));
        }
        assertTrue(worst <= 1e-6, "worst absolute error " + worst);
        // tiny arguments keep their relative accuracy: erf(x) ~ 2x / sqrt(pi)
        for (float x : new float[] {1e-30f, -3e-12f, 1e-7f, 2e-4f}) {
            float y = lane(VectorMath.erf(FloatVector.broadcast(VectorMath.S, x)));
            assertEquals(Erf.erf(x), y, 1e-6 * Math.abs(Erf.erf(x)), "erf(" + x + ")");
        }
        assertTrue(Float.isNaN(lane(VectorMath.erf(FloatVector.broadcast(VectorMath.S, Float.NaN)))));
        assertEquals(-1f, lane(VectorMath.erf(FloatVector.broadcast(VectorMath.S, Float.NEGATIVE_INFINITY))));
    }

    @Test
    void normalCdfKeepsRelativeAccuracyInTheLeftTail() {
        double worst = 0;
        for (float x = -12f; x <= 8f; x += 0.0003f) {
            float y = lane(VectorMath.normalCdf(FloatVector.broadcast(VectorMath.S, x)));
            double z = Math.abs(x) * Math.sqrt(0.5);
            double tail = 0.5 * erfc(z);
            double expected = x < 0 ? tail : 1 - tail;
            worst = Math.max(worst, Math.abs(y - expected) / expected);
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

    private static float lane(FloatVector v) {
        float first = v.lane(0);
        assertEquals(first, v.lane(V - 1), 0f, "lanes differ");
        return first;
    }
}
