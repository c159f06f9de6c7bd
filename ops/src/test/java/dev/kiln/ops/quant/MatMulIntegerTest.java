package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MatMulIntegerTest {
    private static final Node OP_NODE =
            new Node("m", "", "MatMulInteger", List.of("A", "B", "azp", "bzp"), List.of("Y"), new Attributes(List.of()));
    private static final MatMulInteger OP = new MatMulInteger(OP_NODE);

    private static Tensor u8(Shape s, int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return Tensor.wrap(DType.UINT8, s, b);
    }

    private static Tensor i8(Shape s, int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return Tensor.wrap(DType.INT8, s, b);
    }

    private static Tensor run(Tensor... in) {
        return (Tensor) OP.forward(in, null)[0];
    }

    @Test
    void uint8TimesInt8WithScalarAndPerColumnZeroPoints() {
        // A - 128 = [[-118, -108, 127], [-128, 0, -127]]; B - [1, -1] = [[0, -1], [2, 5], [-129, 128]]
        Tensor a = u8(Shape.of(2, 3), 10, 20, 255, 0, 128, 1);
        Tensor b = i8(Shape.of(3, 2), 1, -2, 3, 4, -128, 127);
        Tensor y = run(a, b, u8(Shape.SCALAR, 128), i8(Shape.of(2), 1, -1));
        assertEquals(DType.INT32, y.dtype());
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new int[] {-16599, 15834, 16383, -16128}, y.ints());
    }

    @Test
    void perRowZeroPointOfABroadcastOverBatches() {
        // A: (2, 2, 2) uint8, a_zero_point per row [1, 2]; B: (2, 1) uint8 without zero point
        Tensor a = u8(Shape.of(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8);
        Tensor b = u8(Shape.of(2, 1), 10, 100);
        Tensor y = run(a, b, u8(Shape.of(2), 1, 2), null);
        assertEquals(Shape.of(2, 2, 1), y.shape());
        // rows minus zp: [0,1] [1,2] [4,5] [5,6] -> 100, 210, 540, 650
        assertArrayEquals(new int[] {100, 210, 540, 650}, y.ints());
    }

    @Test
    void batchedZeroPointOfBWithShapeD1By1ByN() {
        // A: (1, 2) = [1, 1]; B: (2, 2, 2), b_zero_point (2, 1, 2) = [[1, 2]], [[3, 4]]
        Tensor a = u8(Shape.of(1, 2), 1, 1);
        Tensor b = u8(Shape.of(2, 2, 2), 10, 20, 30, 40, 50, 60, 70, 80);
        Tensor y = run(a, b, null, u8(Shape.of(2, 1, 2), 1, 2, 3, 4));
        assertEquals(Shape.of(2, 1, 2), y.shape());
        // batch 0: [9 + 29, 18 + 38]; batch 1: [47 + 67, 56 + 76]
        assertArrayEquals(new int[] {38, 56, 114, 132}, y.ints());
    }

    /** Odd sizes exercise the vector micro-kernels (4 rows and 1 row) and their scalar tails. */
    @Test
    void intKernelMatchesTheDoubleReference() {
        SplittableRandom rnd = new SplittableRandom(3);
        Shape[][] cases = {
            {Shape.of(5, 7), Shape.of(7, 3)}, {Shape.of(2, 1, 4, 9), Shape.of(3, 9, 5)}, {Shape.of(6), Shape.of(6, 4)},
            {Shape.of(3, 6), Shape.of(6)}, {Shape.of(1, 33), Shape.of(33, 17)}, {Shape.of(9, 20), Shape.of(20, 45)},
            {Shape.of(2, 7, 13), Shape.of(13, 70)}, {Shape.of(5, 3), Shape.of(3, 131)},
        };
        for (Shape[] c : cases) {
            QMatMul.Plan p = QMatMul.plan(c[0], c[1]);
            int[] a = new int[c[0].sizeInt()];
            int[] b = new int[c[1].sizeInt()];
            double[] ad = new double[a.length];
            double[] bd = new double[b.length];
            for (int i = 0; i < a.length; i++) ad[i] = a[i] = rnd.nextInt(-255, 256);
            for (int i = 0; i < b.length; i++) bd[i] = b[i] = rnd.nextInt(-255, 256);
            QMatMul.Result ref = QMatMul.multiply(ad, c[0], bd, c[1]);
            assertEquals(ref.shape(), p.shape());
            int[] y = QMatMul.multiply(a, b, p);
            for (int i = 0; i < y.length; i++) assertEquals((long) ref.y()[i], y[i], "element " + i + " of " + c[0] + " @ " + c[1]);
        }
    }

    @Test
    void rejectsZeroPointsOfAnotherTypeAndBadShapes() {
        Tensor a = u8(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor b = i8(Shape.of(3, 2), 1, 2, 3, 4, 5, 6);
        assertThrows(IllegalArgumentException.class, () -> run(a, b, i8(Shape.SCALAR, 1), null));
        assertThrows(IllegalArgumentException.class, () -> run(a, b, null, i8(Shape.of(3), 1, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> run(a, i8(Shape.of(2, 2), 1, 2, 3, 4), null, null));
    }

    @Test
    void constantWeightsPackedOnceMatchTheUnpackedProduct() {
        SplittableRandom rnd = new SplittableRandom(17);
        // (batch dims of A..., M, K, N): odd sizes, a 1-D A, a depth long enough for several blocks
        int[][] shapes = {{1, 1, 1}, {3, 7, 5}, {2, 3, 130, 70}, {384, 33}, {2, 9, 3000, 4}};
        for (int[] s : shapes) {
            for (boolean unsignedB : new boolean[] {true, false}) {
                int k = s[s.length - 2], n = s[s.length - 1];
                long[] aDims = new long[s.length - 1];
                for (int d = 0; d < aDims.length; d++) aDims[d] = s[d];
                aDims[aDims.length - 1] = k;
                boolean extreme = k == 3000;
                Tensor a = bytes(rnd, DType.UINT8, Shape.of(aDims), extreme);
                Tensor b = bytes(rnd, unsignedB ? DType.UINT8 : DType.INT8, Shape.of(k, n), extreme);
                Tensor azp = bytes(rnd, DType.UINT8, Shape.SCALAR, false);
                Tensor bzp = bytes(rnd, b.dtype(), rnd.nextBoolean() ? Shape.of(n) : Shape.SCALAR, false);
                if (extreme) {
                    azp = Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {0});
                    bzp = Tensor.wrap(b.dtype(), Shape.SCALAR, new byte[] {unsignedB ? 0 : (byte) 127});
                }
                Tensor want = run(a, b, azp, bzp);
                java.util.Map<String, Tensor> constants = java.util.Map.of("B", b, "bzp", bzp);
                MatMulInteger op = new MatMulInteger(OP_NODE, new dev.kiln.runtime.op.LoadContext() {
                    @Override public int opset() { return 10; }
                    @Override public int sinceVersion() { return 10; }
                    @Override public Tensor constant(String name) { return constants.get(name); }
                    @Override public dev.kiln.runtime.exec.CompiledGraph compile(dev.kiln.runtime.graph.Graph g) {
                        throw new UnsupportedOperationException("MatMulInteger has no subgraphs");
                    }
                });
                for (int rep = 0; rep < 2; rep++) {
                    Tensor got = (Tensor) op.forward(new Tensor[] {a, b, azp, bzp}, null)[0];
                    assertEquals(want.shape(), got.shape(), java.util.Arrays.toString(s));
                    assertArrayEquals(want.ints(), got.ints(), java.util.Arrays.toString(s));
                }
            }
        }
    }

    /** Random 8-bit values, or all 255 (uint8) / -128 (int8) when {@code extreme}. */
    private static Tensor bytes(SplittableRandom rnd, DType t, Shape s, boolean extreme) {
        byte[] v = new byte[(int) s.size()];
        for (int i = 0; i < v.length; i++) v[i] = extreme ? (byte) (t == DType.UINT8 ? 255 : -128) : (byte) rnd.nextInt(256);
        return Tensor.wrap(t, s, v);
    }
}
