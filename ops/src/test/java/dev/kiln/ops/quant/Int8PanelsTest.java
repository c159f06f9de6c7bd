package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Int8PanelsTest {
    @Test
    void matchesTheInt32ReferenceOnRandomShapes() {
        Random rnd = new Random(21);
        // (M, N, K): tails of the 4 x 16 tile, fewer rows than a tile, long depths
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 16, 256}, {17, 33, 300}, {128, 384, 384}, {5, 70, 1536},
            {2, 3, 2000}, {130, 20, 1100}};
        for (int[] s : shapes) {
            for (boolean unsigned : new boolean[] {true, false}) {
                int m = s[0], n = s[1], k = s[2];
                byte[] a = new byte[m * k], b = new byte[k * n];
                rnd.nextBytes(a);
                rnd.nextBytes(b);
                int za = rnd.nextInt(256);
                int[] zb = new int[rnd.nextBoolean() ? 1 : n];
                for (int j = 0; j < zb.length; j++) zb[j] = unsigned ? rnd.nextInt(256) : rnd.nextInt(256) - 128;
                assertExact(m, n, k, a, za, b, unsigned, zb);
            }
        }
    }

    @Test
    void extremeOperandsSplitTheDepthAndStayExact() {
        // A - za = 255 everywhere, B - zb = +-255: every block sum is as large as float32 can hold exactly
        int m = 6, n = 20, k = 1000;
        byte[] a = new byte[m * k], b = new byte[k * n];
        java.util.Arrays.fill(a, (byte) 255);
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i % 3 == 0 ? 0 : 255);
        int[] zb = new int[n];
        for (int j = 0; j < n; j++) zb[j] = j % 2 == 0 ? 0 : 255;
        Int8Panels p = Int8Panels.pack(b, true, zb, k, n);
        // 2^24 / 255^2 = 258 rows per block at most
        assertTrue(p.blockCount() >= 1000 / 258, "blocks: " + p.blockCount());
        assertExact(m, n, k, a, 0, b, true, zb);
    }

    @Test
    void smallWeightsNeedOneBlock() {
        // |B| <= 40 over 1536 rows: 255 * 40 * 1536 < 2^24, so one block for the whole depth
        Random rnd = new Random(3);
        int k = 1536, n = 8;
        byte[] b = new byte[k * n];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (rnd.nextInt(81) - 40);
        assertEquals(1, Int8Panels.pack(b, false, new int[] {0}, k, n).blockCount());
        byte[] a = new byte[3 * k];
        rnd.nextBytes(a);
        assertExact(3, n, k, a, 7, b, false, new int[] {0});
    }

    @Test
    void wrapsInInt32AsTheReference() {
        // 255 * 255 * 40000 = 2.6e9 overflows int32; the reference wraps and so must the product
        int k = 40000;
        byte[] a = new byte[k], b = new byte[k];
        java.util.Arrays.fill(a, (byte) 255);
        java.util.Arrays.fill(b, (byte) 255);
        assertExact(1, 1, k, a, 0, b, true, new int[] {0});
    }

    @Test
    void handComputed() {
        // (A - 1) @ (B - 2) with A = [[1, 2], [3, 4]], B = [[2, 3], [4, 5]] uint8 → [[2, 3], [6, 11]]
        Int8Panels p = Int8Panels.pack(new byte[] {2, 3, 4, 5}, true, new int[] {2}, 2, 2);
        float[] y = new float[4];
        p.multiply(2, Igemm.shiftRows(new byte[] {1, 2, 3, 4}, true, 1), y);
        assertArrayEquals(new float[] {2, 3, 6, 11}, y, 0f);
    }

    /** Int8Panels against the int32 triple loop on A (uint8) minus za and B minus zb, bit for bit. */
    private static void assertExact(int m, int n, int k, byte[] a, int za, byte[] b, boolean unsigned, int[] zb) {
        int[] ai = new int[m * k], bi = new int[k * n], want = new int[m * n];
        for (int i = 0; i < ai.length; i++) ai[i] = (a[i] & 0xFF) - za;
        for (int i = 0; i < bi.length; i++) bi[i] = (unsigned ? b[i] & 0xFF : b[i]) - zb[zb.length == 1 ? 0 : i % n];
        Igemm.reference(m, n, k, ai, bi, want);
        float[] expected = new float[m * n];
        for (int i = 0; i < want.length; i++) expected[i] = want[i];
        float[] got = new float[m * n];
        Int8Panels panels = Int8Panels.pack(b, unsigned, zb, k, n);
        panels.multiply(m, Igemm.shiftRows(a, true, za), got);
        assertArrayEquals(expected, got, 0f, m + "x" + n + "x" + k);
        int[] exact = new int[m * n];
        panels.multiply(m, Igemm.shiftRows(a, true, za), exact);
        assertArrayEquals(want, exact, "int32 " + m + "x" + n + "x" + k);
        // the epilogue: float(acc) * scale[j], then + bias[j], each rounded as Mul then Add
        Random rnd = new Random(m * 31L + n * 7L + k);
        float[] scale = new float[n], bias = new float[n];
        for (int j = 0; j < n; j++) {
            scale[j] = rnd.nextFloat() * 1e-3f;
            bias[j] = rnd.nextFloat() - 0.5f;
        }
        float[] scaled = new float[m * n], both = new float[m * n];
        for (int i = 0; i < m * n; i++) {
            scaled[i] = expected[i] * scale[i % n];
            both[i] = scaled[i] + bias[i % n];
        }
        panels.multiply(m, Igemm.shiftRows(a, true, za), got, scale, null);
        assertArrayEquals(scaled, got, 0f, "scaled " + m + "x" + n + "x" + k);
        panels.multiply(m, Igemm.shiftRows(a, true, za), got, scale, bias);
        assertArrayEquals(both, got, 0f, "scaled with bias " + m + "x" + n + "x" + k);
    }
}
