package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IgemmTest {
    @Test
    void blockedKernelMatchesTheReferenceOnRandomShapes() {
        Random rnd = new Random(11);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 300, 130}, {128, 257, 384}, {2, 1, 600}};
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

    @Test
    void denseLayerMatchesTheDefinition() {
        // A uint8 (2, 3, 70) with zero point 128; B int8 (70, 9) with a zero point per column
        Random rnd = new Random(12);
        byte[] a = new byte[2 * 3 * 70], b = new byte[70 * 9], zb = new byte[9];
        rnd.nextBytes(a);
        rnd.nextBytes(b);
        rnd.nextBytes(zb);
        Tensor ta = Tensor.wrap(DType.UINT8, Shape.of(2, 3, 70), a);
        Tensor tb = Tensor.wrap(DType.INT8, Shape.of(70, 9), b);
        Tensor za = Tensor.wrap(DType.UINT8, Shape.of(1), new byte[] {(byte) 128});
        Tensor tzb = Tensor.wrap(DType.INT8, Shape.of(9), zb);
        MatMulInteger op = new MatMulInteger(new Node("q", "", "MatMulInteger", List.of("a", "b", "za", "zb"),
                List.of("y"), null));
        for (int run = 0; run < 2; run++) { // the second run reuses the shifted B
            Tensor y = (Tensor) op.forward(new Tensor[] {ta, tb, za, tzb}, null)[0];
            assertEquals(DType.INT32, y.dtype());
            assertEquals(Shape.of(2, 3, 9), y.shape());
            for (int r = 0; r < 6; r++) {
                for (int j = 0; j < 9; j++) {
                    long s = 0;
                    for (int p = 0; p < 70; p++) s += (long) ((a[r * 70 + p] & 0xFF) - 128) * (b[p * 9 + j] - zb[j]);
                    assertEquals(s, y.ints()[r * 9 + j]);
                }
            }
        }
    }

    @Test
    void handComputedProduct() {
        // (A - 1) @ (B - 2): A = [[1, 2], [3, 4]] uint8, B = [[2, 3], [4, 5]] uint8
        // A - 1 = [[0, 1], [2, 3]], B - 2 = [[0, 1], [2, 3]] → [[2, 3], [6, 11]]
        MatMulInteger op = new MatMulInteger(new Node("q", "", "MatMulInteger", List.of("a", "b", "za", "zb"),
                List.of("y"), null));
        Tensor y = (Tensor) op.forward(new Tensor[] {
            Tensor.wrap(DType.UINT8, Shape.of(2, 2), new byte[] {1, 2, 3, 4}),
            Tensor.wrap(DType.UINT8, Shape.of(2, 2), new byte[] {2, 3, 4, 5}),
            Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {1}),
            Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {2})}, null)[0];
        assertArrayEquals(new int[] {2, 3, 6, 11}, y.ints());
    }
}
