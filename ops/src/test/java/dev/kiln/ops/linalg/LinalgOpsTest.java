package dev.kiln.ops.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LinalgOpsTest {
    private static Tensor einsum(String eq, Tensor... in) {
        return Nodes.run(new Einsum(Nodes.node("Einsum", in.length, 1, Attribute.of("equation", eq))), in)[0];
    }

    @Test
    void matmulPromotesOneDimensionalOperandsAndBroadcastsBatches() {
        // a (2, 1, 1, 2) x b (3, 2, 1): batch dims (2, 1) and (3) broadcast to (2, 3)
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 1, 1, 2);
        Tensor b = Tensor.of(new float[] {1, 1, 0, 1, 2, 0}, 3, 2, 1);
        Tensor y = Nodes.run(new MatMul(Nodes.node("MatMul", 2, 1)), a, b)[0];
        assertEquals(Shape.of(2, 3, 1, 1), y.shape());
        assertArrayEquals(new float[] {3, 2, 2, 7, 4, 6}, y.floats());
        // vector . matrix drops the promoted axis: (2) x (2, 3) → (3)
        Tensor v = Tensor.of(new long[] {1, -1}, 2);
        Tensor m = Tensor.of(new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor vm = Nodes.run(new MatMul(Nodes.node("MatMul", 2, 1)), v, m)[0];
        assertEquals(Shape.of(3), vm.shape());
        assertArrayEquals(new long[] {-3, -3, -3}, vm.longs());
    }

    @Test
    void gemmBeforeOpset7RefusesToBroadcastWithoutTheAttribute() {
        Tensor a = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor b = Tensor.of(new float[] {3, 4}, 2, 1);
        Tensor c = Tensor.of(new float[] {10}, 1);
        var node = Nodes.node("Gemm", 3, 1, Attribute.of("alpha", 2f));
        assertThrows(IllegalArgumentException.class, () -> Nodes.run(Nodes.create(Gemm::new, node, 6, 6), a, b, c));
        Tensor y = Nodes.run(Nodes.create(Gemm::new, node, 13, 11), a, b, c)[0];
        assertArrayEquals(new float[] {32}, y.floats()); // 2 * 11 + 10
    }

    @Test
    void einsumTakesDiagonalsAndContractsChains() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new double[] {5}, einsum("ii", x).doubles());              // trace
        assertArrayEquals(new double[] {1, 4}, einsum("ii->i", x).doubles());        // diagonal
        assertArrayEquals(new double[] {1, 3, 2, 4}, einsum("ji", x).doubles());    // implicit "ji->ij"
        // chain: (x x)^T x with three operands: 'ij,jk,kl->li'
        Tensor chain = einsum("ij,jk,kl->li", x, x, x);
        // x^3 = [[37, 54], [81, 118]], transposed
        assertArrayEquals(new double[] {37, 81, 54, 118}, chain.doubles());
    }

    @Test
    void einsumBroadcastsEllipsisAndKeepsInt64Exact() {
        // '...i,i->...' with a (2, 3) and b (3)
        Tensor a = Tensor.of(new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new long[] {1L << 40, 1, 1}, 3);
        Tensor y = einsum("...i,i->...", a, b);
        assertEquals(DType.INT64, y.dtype());
        assertArrayEquals(new long[] {(1L << 40) + 5, 4 * (1L << 40) + 11}, y.longs());
        // ellipsis dims broadcast from 1: (1, 2) and (3, 2) → (3)
        Tensor p = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor q = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertArrayEquals(new float[] {1, 2, 3}, einsum("...j,...j->...", p, q).floats());
    }

    @Test
    void detOfSingularAndPermutedMatrices() {
        Tensor x = Tensor.of(new float[] {1, 2, 2, 4, 0, 1, 1, 0}, 2, 2, 2);
        Tensor y = Nodes.run(new Det(Nodes.node("Det", 1, 1)), x)[0];
        assertEquals(Shape.of(2), y.shape());
        assertArrayEquals(new float[] {0, -1}, y.floats(), 1e-6f);
    }

    @Test
    void badInputsFailWithIllegalArgument() {
        Tensor m23 = Tensor.of(new float[6], 2, 3);
        Tensor m22 = Tensor.of(new float[4], 2, 2);
        assertThrows(IllegalArgumentException.class, () -> einsum("ij,jk", m23, m22));   // j: 3 vs 2
        assertThrows(IllegalArgumentException.class, () -> einsum("i...j...", m23));     // two ellipses
        assertThrows(IllegalArgumentException.class, () -> einsum("ij->k", m23));        // unknown output label
        assertThrows(IllegalArgumentException.class, () -> einsum("i.j", m23));          // stray dot
        assertThrows(IllegalArgumentException.class, () -> einsum("ijk", m23));          // rank mismatch
        assertThrows(IllegalArgumentException.class,
                () -> Nodes.run(new MatMul(Nodes.node("MatMul", 2, 1)), m23, m23));     // K mismatch
        assertThrows(IllegalArgumentException.class,
                () -> Nodes.run(new MatMul(Nodes.node("MatMul", 2, 1)), Tensor.scalar(1f), m22));
        assertThrows(IllegalArgumentException.class,
                () -> Nodes.run(new MatMul(Nodes.node("MatMul", 2, 1)), m22, null));
        assertThrows(IllegalArgumentException.class,
                () -> Nodes.run(new Det(Nodes.node("Det", 1, 1)), m23));
    }

    @Test
    void constantRightOperandsArePackedOnceAndGiveTheSameProducts() {
        java.util.Random rnd = new java.util.Random(21);
        int[][] shapes = {{1, 5, 3}, {7, 33, 17}, {64, 300, 70}, {130, 40, 1100}};
        for (int[] sh : shapes) {
            int m = sh[0], k = sh[1], n = sh[2];
            Tensor a = random(rnd, m, k), b = random(rnd, k, n), bt = random(rnd, n, k), c = random(rnd, n);
            Tensor a3 = random(rnd, 2, m, k);
            // MatMul with B constant, A of rank 2 and 3, against the op without a constant
            MatMul plain = new MatMul(Nodes.node("MatMul", 2, 1));
            MatMul packed = new MatMul(Nodes.node("MatMul", 2, 1), Nodes.withConstant("in1", b));
            for (Tensor x : new Tensor[] {a, a3}) {
                for (int run = 0; run < 2; run++) {
                    assertClose(Nodes.run(plain, x, b)[0], Nodes.run(packed, x, b)[0], k);
                }
            }
            // another B than the constant is not mixed up with it
            Tensor b2 = random(rnd, k, n);
            assertClose(Nodes.run(plain, a, b2)[0], Nodes.run(packed, a, b2)[0], k);
            // Gemm with a constant B, transposed or not, alpha, beta and C
            for (boolean transB : new boolean[] {false, true}) {
                Tensor bb = transB ? bt : b;
                dev.kiln.runtime.graph.Attribute[] at = {dev.kiln.runtime.graph.Attribute.of("transB", transB ? 1L : 0L),
                    dev.kiln.runtime.graph.Attribute.of("alpha", 0.5f), dev.kiln.runtime.graph.Attribute.of("beta", 2f)};
                Gemm g0 = new Gemm(Nodes.node("Gemm", 3, 1, at), Nodes.withConstant("none", null));
                Gemm g1 = new Gemm(Nodes.node("Gemm", 3, 1, at), Nodes.withConstant("in1", bb));
                for (int run = 0; run < 2; run++) {
                    assertClose(Nodes.run(g0, a, bb, c)[0], Nodes.run(g1, a, bb, c)[0], k);
                }
            }
        }
    }

    private static Tensor random(java.util.Random rnd, int... dims) {
        long[] d = new long[dims.length];
        int size = 1;
        for (int i = 0; i < dims.length; i++) { d[i] = dims[i]; size *= dims[i]; }
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) rnd.nextGaussian();
        return Tensor.of(v, d);
    }

    private static void assertClose(Tensor want, Tensor got, int k) {
        assertEquals(want.shape(), got.shape());
        float[] w = want.floats(), g = got.floats();
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i], g[i], 1e-4 * Math.sqrt(k) * (1 + Math.abs(w[i])), "element " + i);
        }
    }
}
