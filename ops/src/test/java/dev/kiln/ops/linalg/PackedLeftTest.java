package dev.kiln.ops.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Products with a packed left operand and a right operand produced on the fly ({@link PanelSource})
 * or read in place (row offsets), against the scalar reference GEMM.
 */
class PackedLeftTest {
    private final SgemmKernel scalar = new ScalarSgemm();
    /** Every micro-tile at 128, 256 and 512 bits, whatever this machine prefers (others run on emulated vectors). */
    private final VectorSgemm[] tiles = TileChoice.everyWidth().stream().map(VectorSgemm::new).toArray(VectorSgemm[]::new);

    @Test
    void packedLeftHoldsTheMatrix() {
        // A (2, 3) = [[1, 2, 3], [4, 5, 6]], stored transposed as (3, 2)
        float[] at = {1, 4, 2, 5, 3, 6};
        PackedLeft p = PackedLeft.pack(4, 2, true, 2, 3, at, 0, 2);
        assertEquals(2, p.kc);
        float[][] expected = {{1, 2, 3}, {4, 5, 6}};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) assertEquals(expected[i][j], p.get(i, j), 0f);
        }
    }

    @Test
    void panelSourceProductMatchesScalar() {
        // depth past one block (256), columns past one source block (128), rows below one tile,
        // column ranges that start off a panel boundary, with and without bias
        Random rnd = new Random(23);
        int[][] shapes = {{1, 1, 1}, {3, 40, 20}, {4, 16, 16}, {5, 300, 7}, {17, 200, 300}, {64, 130, 576},
            {9, 65, 513}, {150, 70, 33}, {2, 1, 600}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) check(rnd, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0);
        }
        for (int r = 0; r < 30; r++) {
            check(rnd, 1 + rnd.nextInt(30), 1 + rnd.nextInt(150), 1 + rnd.nextInt(300), rnd.nextBoolean(),
                    rnd.nextBoolean());
        }
    }

    @Test
    void rowsReadInPlaceMatchScalar() {
        Random rnd = new Random(29);
        int[][] shapes = {{1, 1, 1}, {4, 16, 16}, {7, 45, 30}, {64, 200, 300}, {13, 129, 9}, {6, 64, 257}};
        for (int[] s : shapes) {
            for (int t = 0; t < 2; t++) checkRows(rnd, s[0], s[1], s[2], t == 1);
        }
    }

    @Test
    void emptyDepthGivesBias() {
        float[] bias = {2, -1};
        float[] c = {9, 9, 9, 9, 9, 9};
        PackedLeft a = Sgemm.packLeft(false, 2, 0, new float[0], 0, 0);
        Sgemm.gemm(a, 0, 3, PanelSource.dense(new float[0], 0, 3), bias, c, 0, 3);
        assertEquals(java.util.List.of(2f, 2f, 2f, -1f, -1f, -1f), java.util.List.of(c[0], c[1], c[2], c[3], c[4], c[5]));
    }

    // C[:, from:to] = A * B[:, from:to] + bias against the scalar GEMM on the dense B
    private void check(Random rnd, int m, int n, int k, boolean ta, boolean withBias) {
        int lda = (ta ? m : k) + rnd.nextInt(3), ldb = n + rnd.nextInt(3), ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(3), bOff = rnd.nextInt(3);
        float[] a = random(rnd, aOff + (ta ? k : m) * lda), b = random(rnd, bOff + k * ldb);
        float[] bias = withBias ? random(rnd, m) : null;
        float[] expected = new float[m * ldc];
        scalar.gemm(ta, false, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 0f, expected, 0, ldc);
        if (bias != null) Sgemm.addRowBias(m, n, bias, expected, 0, ldc);
        int from = rnd.nextInt(Math.max(1, n / 3)), to = n - rnd.nextInt(Math.max(1, (n - from) / 3));
        PanelSource src = PanelSource.dense(b, bOff, ldb);
        String what = "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " cols " + from + ".." + to;
        for (VectorSgemm v : tiles) {
            float[] c = random(rnd, m * ldc);
            float[] before = c.clone();
            v.gemm(v.packLeft(ta, m, k, a, aOff, lda), from, to, src, bias, c, 0, ldc);
            compare(expected, c, before, m, ldc, from, to, k, v.name() + " " + what);
        }
        float[] c = random(rnd, m * ldc);
        float[] before = c.clone();
        Sgemm.gemm(Sgemm.packLeft(ta, m, k, a, aOff, lda), from, to, src, bias, c, 0, ldc);
        compare(expected, c, before, m, ldc, from, to, k, "Sgemm " + what);
        // the fallback of the scalar kernel: one-row panels, one-column panels of B
        float[] d = random(rnd, m * ldc);
        float[] dBefore = d.clone();
        Sgemm.gemmScalar(PackedLeft.pack(1, 256, ta, m, k, a, aOff, lda), from, to, src, bias, d, 0, ldc);
        compare(expected, d, dBefore, m, ldc, from, to, k, "scalar " + what);
    }

    // B (k, n) stored with rows at scattered offsets of one array, read in place
    private void checkRows(Random rnd, int m, int n, int k, boolean withBias) {
        int[] rowOff = new int[k];
        int len = 0;
        for (int p = 0; p < k; p++) {
            rowOff[p] = rnd.nextInt(2 * n + 5);
            len = Math.max(len, rowOff[p] + n + Sgemm.ROW_SLACK);
        }
        int bOff = rnd.nextInt(5);
        float[] store = random(rnd, bOff + len);
        float[] b = new float[k * n];
        for (int p = 0; p < k; p++) System.arraycopy(store, bOff + rowOff[p], b, p * n, n);
        float[] a = random(rnd, m * k), bias = withBias ? random(rnd, m) : null;
        float[] expected = new float[m * n];
        scalar.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
        if (bias != null) Sgemm.addRowBias(m, n, bias, expected, 0, n);
        int from = rnd.nextInt(Math.max(1, n / 4));
        String what = "rows m=" + m + " n=" + n + " k=" + k;
        for (VectorSgemm v : tiles) {
            float[] c = random(rnd, m * n);
            float[] before = c.clone();
            v.gemmRows(v.packLeft(false, m, k, a, 0, k), from, n, store, bOff, rowOff, bias, c, 0, n);
            compare(expected, c, before, m, n, from, n, k, v.name() + " " + what);
        }
        float[] c = random(rnd, m * n);
        float[] before = c.clone();
        Sgemm.gemm(Sgemm.packLeft(false, m, k, a, 0, k), from, n, store, bOff, rowOff, bias, c, 0, n);
        compare(expected, c, before, m, n, from, n, k, "Sgemm " + what);
        c = random(rnd, m * n);
        before = c.clone();
        Sgemm.gemmScalar(PackedLeft.pack(1, 256, false, m, k, a, 0, k), from + bOff, n + bOff,
                PanelSource.rows(store, rowOff), bias, c, -bOff, n);
        compare(expected, c, before, m, n, from, n, k, "scalar " + what);
        float[] s = random(rnd, m * n);
        float[] sBefore = s.clone();
        PanelSource src = PanelSource.rows(store, rowOff);
        tiles[0].gemm(tiles[0].packLeft(false, m, k, a, 0, k), from + bOff, n + bOff, src, bias, s, -bOff, n);
        compare(expected, s, sBefore, m, n, from, n, k, "row source " + what);
    }

    // columns [from, to) of every row equal expected; the others are untouched
    private static void compare(float[] expected, float[] c, float[] before, int m, int ldc, int from, int to, int k,
                                String what) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < ldc; j++) {
                int at = i * ldc + j;
                if (j >= from && j < to) {
                    assertEquals(expected[at], c[at], 1e-4f * (1 + Math.abs(expected[at])) * Math.sqrt(k),
                            what + " at " + i + "," + j);
                } else {
                    assertEquals(before[at], c[at], 0f, what + " wrote outside its columns at " + i + "," + j);
                }
            }
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }
}
