package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API passes of DynamicQuantizeLinear against the scalar references, bit for bit. */
class DynamicQuantizeKernelTest {
    @Test
    void vectorCodesMatchTheReferenceTiesIncluded() {
        Random rnd = new Random(8);
        for (int n : new int[] {0, 1, 7, 8, 31, 64, 1000, 49152 + 3}) {
            float[] x = new float[n];
            // half-integers with a scale of exactly 1 (min -100, max 155) make every value a tie
            for (int i = 0; i < n; i++) x[i] = rnd.nextInt(255) - 100 + (rnd.nextBoolean() ? 0.5f : 0f);
            assertSame(x, 1f, 100);
            for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian() * 3;
            float[] r = DynamicQuantizeKernel.rangeReference(x);
            float scale = (r[1] - r[0]) / 255f;
            if (scale > 0) assertSame(x, scale, DynamicQuantizeKernel.clip(Math.rint(0f - r[0] / scale)));
            // extreme ratios saturate at both ends, and a zero point at either bound
            for (int i = 0; i < n; i++) x[i] = (rnd.nextFloat() - 0.5f) * 1e6f;
            assertSame(x, 1e-3f, 0);
            assertSame(x, 1e-3f, 255);
            assertSame(x, 7f, 128);
        }
    }

    @Test
    void vectorRangeMatchesTheReference() {
        Random rnd = new Random(9);
        for (int n : new int[] {0, 1, 5, 8, 9, 100, 1537}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian() * 10 + 3;
            assertArrayEquals(DynamicQuantizeKernel.rangeReference(x), DynamicQuantizeVector.range(x), 0f);
            if (n > 0) {
                x[rnd.nextInt(n)] = Float.NaN;
                float[] r = DynamicQuantizeVector.range(x);
                assertTrue(Float.isNaN(r[0]) && Float.isNaN(r[1]), "NaN propagates, n=" + n);
            }
        }
        // all positive: the range still starts at 0
        assertArrayEquals(new float[] {0f, 9f}, DynamicQuantizeVector.range(new float[] {1, 9, 3, 4, 5, 6, 7, 8, 2}), 0f);
    }

    private static void assertSame(float[] x, float scale, int zp) {
        byte[] want = new byte[x.length], got = new byte[x.length];
        DynamicQuantizeKernel.quantizeReference(x, 0, x.length, scale, zp, want);
        DynamicQuantizeVector.quantize(x, scale, zp, got);
        assertArrayEquals(want, got, "n=" + x.length + " scale=" + scale + " zp=" + zp);
    }
}
