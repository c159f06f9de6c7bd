package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IgemmTest {
    @Test
    void blockedKernelMatchesTheReferenceOnRandomShapes() {
        Random rnd = new Random(11);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 300, 130}, {128, 257, 384}, {2, 1, 600}, {5, 9, 1537},
            {0, 4, 3}, {4, 0, 3}, {3, 4, 0}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            int[] a = new int[m * k], b = new int[k * n];
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextInt(511) - 255;
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextInt(511) - 255;
            assertExact(m, n, k, a, b);
        }
    }

    @Test
    void extremeOperandsStayExactAcrossBlocks() {
        // every product is 255 * 255 or -255 * 255: the largest block sums float32 must hold
        int m = 3, n = 5, k = 3 * Igemm.EXACT_DEPTH + 7;
        int[] a = new int[m * k], b = new int[k * n];
        java.util.Arrays.fill(a, 255);
        for (int i = 0; i < b.length; i++) b[i] = i % 3 == 0 ? -255 : 255;
        assertExact(m, n, k, a, b);
    }

    @Test
    void allMinusOrAllPlus255AndWrapping() {
        // -255 * 255 everywhere; then 255 * 255 * 40000 = 2.6e9, past int32, wrapping as the reference
        int m = 2, n = 3, k = 1000;
        int[] a = new int[m * k], b = new int[k * n];
        java.util.Arrays.fill(a, -255);
        java.util.Arrays.fill(b, 255);
        assertExact(m, n, k, a, b);
        int kw = 40000;
        int[] aw = new int[kw], bw = new int[kw];
        java.util.Arrays.fill(aw, 255);
        java.util.Arrays.fill(bw, 255);
        assertExact(1, 1, kw, aw, bw);
    }

    @Test
    void smallOperandsTakeOneDepthBlock() {
        // |b| <= 40: 255 * 40 * 1536 < 2^24, so the whole depth is one exact block
        float[] b = new float[1536 * 3];
        for (int i = 0; i < b.length; i++) b[i] = i % 81 - 40;
        assertArrayEquals(new int[] {0, 1536}, Igemm.depthBlocks(b, 0, 1536, 3));
    }

    @Test
    void shiftsByZeroPoints() {
        // uint8 200 - 100 = 100; int8 -3 - (-5) = 2 and -3 - 1 = -4 for per-column zero points
        assertArrayEquals(new float[] {100, -100}, Igemm.shiftRows(new byte[] {(byte) 200, 0}, true, 100), 0f);
        assertArrayEquals(new float[] {2, -4}, Igemm.shiftColumns(new byte[] {-3, -3}, false, new int[] {-5, 1}, 2), 0f);
    }

    private static void assertExact(int m, int n, int k, int[] a, int[] b) {
        int[] want = new int[m * n], got = new int[m * n];
        Igemm.reference(m, n, k, a, b, want);
        Igemm.multiply(m, n, k, floats(a), floats(b), got);
        assertArrayEquals(want, got, m + "x" + n + "x" + k);
    }

    private static float[] floats(int[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = v[i];
        return f;
    }
}
