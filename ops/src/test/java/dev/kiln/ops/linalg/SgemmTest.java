package dev.kiln.ops.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SgemmTest {
    private final SgemmKernel scalar = new ScalarSgemm();
    private final SgemmKernel vector = VectorSgemm.preferred();
    /** Every micro-tile at 128, 256 and 512 bits, whatever this machine prefers (others run on emulated vectors). */
    private final SgemmKernel[] tiles = TileChoice.everyWidth().stream().map(VectorSgemm::new).toArray(VectorSgemm[]::new);

    @Test
    void scalarMatchesHandComputedProduct() {
        // A (2, 3) = [[1, 2, 3], [4, 5, 6]], B (3, 2) = [[7, 8], [9, 10], [11, 12]]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = {1, 1, 1, 1};
        scalar.gemm(false, false, 2, 2, 3, 2f, a, 0, 3, b, 0, 2, 0.5f, c, 0, 2);
        // A*B = [[58, 64], [139, 154]]; 2*AB + 0.5
        assertArrayEquals(new float[] {116.5f, 128.5f, 278.5f, 308.5f}, c, 0f);
    }

    @Test
    void betaZeroIgnoresNaNInOutput() {
        float[] a = {1, 2};
        float[] b = {3, 4};
        float[] c = {Float.NaN};
        vector.gemm(false, false, 1, 1, 2, 1f, a, 0, 2, b, 0, 1, 0f, c, 0, 1);
        assertEquals(11f, c[0], 0f);
    }

    @Test
    void betaZeroIgnoresNaNInOutputOnThePackedPath() {
        // (8, 20) * (20, 300) crosses a depth block; every tile of C starts as NaN
        Random rnd = new Random(3);
        int m = 8, n = 300, k = 300;
        float[] a = random(rnd, m * k), b = random(rnd, k * n);
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, Float.NaN);
        float[] expected = new float[m * n];
        scalar.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
        for (SgemmKernel kernel : tiles) {
            float[] out = c.clone();
            kernel.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, out, 0, n);
            for (int i = 0; i < out.length; i++) assertEquals(expected[i], out[i], 1e-3f, kernel.name() + " at " + i);
        }
    }

    @Test
    void vectorMatchesScalarAcrossBlockBoundaries() {
        // rows past one A block (144 or 480), columns past one B block (1024), depth past 256
        Random rnd = new Random(5);
        check(rnd, 150, 1030, 261, false, false);
        check(rnd, 487, 70, 33, true, false);
        check(rnd, 13, 1100, 300, false, true);
        check(rnd, 149, 40, 520, true, true);
    }

    @Test
    void parallelSplitMatchesScalar() {
        // wide (split by columns) and tall (split by rows) products, on 2 and 3 threads
        Random rnd = new Random(11);
        int[][] shapes = {{37, 700, 400}, {700, 37, 400}, {5, 3000, 600}, {1000, 30, 300}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                for (int threads = 2; threads <= 3; threads++) {
                    checkSplit(rnd, threads, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0);
                }
            }
        }
    }

    @Test
    void vectorMatchesScalarOnRandomShapes() {
        Random rnd = new Random(42);
        int[][] shapes = {
            {1, 1, 1}, {1, 17, 1}, {1, 300, 5}, {7, 1, 9}, {5, 33, 1}, {4, 16, 16},
            {3, 7, 11}, {9, 65, 300}, {13, 257, 31}, {64, 64, 64}, {6, 513, 7}, {2, 31, 600},
            {4, 16, 1}, {6, 64, 1}, {1, 1000, 3}, {5, 17, 257}, {12, 48, 256}, {25, 95, 70},
        };
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) check(rnd, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0);
        }
        for (int r = 0; r < 40; r++) {
            check(rnd, 1 + rnd.nextInt(40), 1 + rnd.nextInt(90), 1 + rnd.nextInt(70),
                    rnd.nextBoolean(), rnd.nextBoolean());
        }
    }

    @Test
    void packedOperandMatchesScalar() {
        // B packed once and reused: small and edge shapes, depth past 256, columns past 1024,
        // fewer rows than a tile, the split across 2 and 3 threads, and an A too large to be
        // used whole from cache (taken one depth block at a time)
        Random rnd = new Random(17);
        int[][] shapes = {{1, 1, 1}, {3, 40, 20}, {4, 16, 16}, {16, 384, 384}, {17, 1100, 300},
            {9, 65, 513}, {150, 70, 33}, {128, 1536, 384}, {40, 3000, 80}, {130, 200, 600}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                for (int threads = 1; threads <= 3; threads++) {
                    checkPacked(rnd, threads, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0);
                }
            }
        }
    }

    private void checkPacked(Random rnd, int threads, int m, int n, int k, boolean ta, boolean tb) {
        int lda = (ta ? m : k) + rnd.nextInt(2), ldb = (tb ? k : n) + rnd.nextInt(2), bOff = rnd.nextInt(3);
        float[] a = random(rnd, (ta ? k : m) * lda), b = random(rnd, bOff + (tb ? n : k) * ldb);
        float[] c0 = random(rnd, m * n);
        float[] start = c0.clone();
        float beta = rnd.nextInt(3) * 0.5f;
        scalar.gemm(ta, tb, m, n, k, 0.75f, a, 0, lda, b, bOff, ldb, beta, c0, 0, n);
        PackedMatrix packed = Sgemm.pack(tb, k, n, b, bOff, ldb);
        // twice with the same packing: the second product must not see the first one's state
        for (int run = 0; run < 2; run++) {
            float[] c1 = start.clone();
            Sgemm.gemm(threads, ta, m, 0.75f, a, 0, lda, packed, beta, c1, 0, n);
            String what = "packed run " + run + ", " + threads + " threads m=" + m + " n=" + n + " k=" + k
                    + " ta=" + ta + " tb=" + tb;
            for (int i = 0; i < c0.length; i++) {
                assertEquals(c0[i], c1[i], 1e-4f * (1 + Math.abs(c0[i])) * Math.sqrt(k), what + " at " + i);
            }
        }
    }

    @Test
    void leftOperandReadInPlaceMatchesScalar() {
        // alpha 1, A not transposed and at most 256 columns: A is read in place, not packed
        // (row counts that are not a multiple of the tile height end in a packed edge tile)
        Random rnd = new Random(23);
        int[][] shapes = {{4, 16, 1}, {5, 16, 3}, {128, 128, 32}, {128, 32, 128}, {7, 255, 19}, {150, 256, 300},
            {3, 200, 40}, {33, 17, 257}};
        for (int[] s : shapes) {
            for (boolean tb : new boolean[] {false, true}) check(rnd, s[0], s[1], s[2], false, tb, 1f);
        }
    }

    private void check(Random rnd, int m, int n, int k, boolean ta, boolean tb) {
        check(rnd, m, n, k, ta, tb, rnd.nextBoolean() ? 1f : 0.75f);
    }

    private void check(Random rnd, int m, int n, int k, boolean ta, boolean tb, float alpha) {
        // Leading dimensions and offsets larger than needed, to exercise the addressing.
        int lda = (ta ? m : k) + rnd.nextInt(3);
        int ldb = (tb ? k : n) + rnd.nextInt(3);
        int ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(4), bOff = rnd.nextInt(4), cOff = rnd.nextInt(4);
        float[] a = random(rnd, aOff + (ta ? k : m) * lda);
        float[] b = random(rnd, bOff + (tb ? n : k) * ldb);
        float[] c0 = random(rnd, cOff + m * ldc);
        float[] start = c0.clone();
        float beta = rnd.nextInt(3) * 0.5f;
        scalar.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c0, cOff, ldc);
        for (SgemmKernel kernel : tiles) {
            float[] c1 = start.clone();
            kernel.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c1, cOff, ldc);
            String what = kernel.name() + " m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb;
            for (int i = 0; i < c0.length; i++) {
                assertEquals(c0[i], c1[i], 1e-4f * (1 + Math.abs(c0[i])) * Math.sqrt(k), what + " at " + i);
            }
        }
    }

    private void checkSplit(Random rnd, int threads, int m, int n, int k, boolean ta, boolean tb) {
        assertTrue((long) m * n * k >= Sgemm.PARALLEL_MACS, "too small to be split");
        int lda = ta ? m : k, ldb = tb ? k : n;
        float[] a = random(rnd, m * k), b = random(rnd, k * n);
        float[] c0 = random(rnd, m * n);
        float[] c1 = c0.clone();
        scalar.gemm(ta, tb, m, n, k, 0.5f, a, 0, lda, b, 0, ldb, 1f, c0, 0, n);
        Sgemm.gemm(threads, ta, tb, m, n, k, 0.5f, a, 0, lda, b, 0, ldb, 1f, c1, 0, n);
        String what = threads + " threads m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb;
        for (int i = 0; i < c0.length; i++) {
            assertEquals(c0[i], c1[i], 1e-4f * (1 + Math.abs(c0[i])) * Math.sqrt(k), what + " at " + i);
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian();
        return x;
    }
}
