package dev.kiln.ops.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.opt.OptimizationOptions;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatMulIntegerToFloatTest {
    private static final Node NODE = new Node("q", "dev.kiln", "MatMulIntegerToFloat",
            List.of("a", "b", "za", "zb", "s", "bias"), List.of("y"), null);

    private static Tensor bytes(Random rnd, DType t, long... dims) {
        int n = 1;
        for (long d : dims) n *= (int) d;
        byte[] v = new byte[n];
        rnd.nextBytes(v);
        return Tensor.wrap(t, Shape.of(dims), v);
    }

    @Test
    void fastPathMatchesTheReferenceBitForBit() {
        // A uint8 (2, 3, 300) with one zero point; B int8 (300, 9) with a zero point per column
        Random rnd = new Random(12);
        MatMulIntegerToFloat op = new MatMulIntegerToFloat(NODE);
        Tensor a = bytes(rnd, DType.UINT8, 2, 3, 300), b = bytes(rnd, DType.INT8, 300, 9);
        Tensor za = bytes(rnd, DType.UINT8), zb = bytes(rnd, DType.INT8, 9);
        Tensor[] scales = {TestGraph.random(rnd, 0.01f, 9), Tensor.scalar(0.003f)};
        for (Tensor scale : scales) {
            for (Tensor bias : new Tensor[] {null, TestGraph.random(rnd, 1f, 9)}) {
                for (int run = 0; run < 2; run++) { // the second run reuses the shifted B
                    Tensor y = (Tensor) op.forward(new Tensor[] {a, b, za, zb, scale, bias}, null)[0];
                    assertEquals(Shape.of(2, 3, 9), y.shape());
                    TestGraph.assertClose(op.reference(a, b, za, zb, scale, bias), y, 0);
                }
            }
        }
    }

    @Test
    void packedConstantWeightsMatchTheReferenceBitForBit() {
        // B and b_zp as the node's constants: packed once and reused; another B tensor still exact
        Random rnd = new Random(13);
        int[][] shapes = {{1, 1, 1}, {3, 5, 40}, {16, 384, 384}, {33, 70, 1536}, {7, 20, 900}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            Tensor a = bytes(rnd, DType.UINT8, 1, m, k), b = bytes(rnd, DType.INT8, k, n);
            if (k == 900) { // +-128 weights with zero point 127: B - zb up to 255, several depth blocks
                byte[] v = b.bytes();
                for (int i = 0; i < v.length; i++) v[i] = (byte) (i % 2 == 0 ? -128 : 127);
            }
            Tensor za = bytes(rnd, DType.UINT8), zb = Tensor.wrap(DType.INT8, Shape.of(n), new byte[n]);
            if (k == 900) java.util.Arrays.fill(zb.bytes(), (byte) 127);
            else rnd.nextBytes(zb.bytes());
            Tensor scale = TestGraph.random(rnd, 0.01f, n), bias = TestGraph.random(rnd, 1f, n);
            MatMulIntegerToFloat op = new MatMulIntegerToFloat(NODE, constants(b, zb));
            for (int run = 0; run < 2; run++) {
                Tensor y = (Tensor) op.forward(new Tensor[] {a, b, za, zb, scale, bias}, null)[0];
                assertEquals(Shape.of(1, m, n), y.shape());
                TestGraph.assertClose(op.reference(a, b, za, zb, scale, bias), y, 0);
            }
            Tensor b2 = bytes(rnd, DType.INT8, k, n);
            Tensor y2 = (Tensor) op.forward(new Tensor[] {a, b2, za, zb, scale, null}, null)[0];
            TestGraph.assertClose(op.reference(a, b2, za, zb, scale, null), y2, 0);
        }
    }

    @Test
    void residualAndGeluInTheEpilogue() {
        // a residual of the product's shape is added bit for bit as the Add op; GELU as the Gelu op
        Random rnd = new Random(14);
        Node withResidual = new Node("q", "dev.kiln", "MatMulIntegerToFloat",
                List.of("a", "b", "za", "zb", "s", "bias", "r"), List.of("y"), null);
        Node withGelu = new Node("q", "dev.kiln", "MatMulIntegerToFloat", List.of("a", "b", "za", "zb", "s", "bias"),
                List.of("y"), new Attributes(List.of(Attribute.of("activation", "gelu"))));
        Tensor a = bytes(rnd, DType.UINT8, 2, 7, 384), b = bytes(rnd, DType.INT8, 384, 100);
        Tensor za = bytes(rnd, DType.UINT8), zb = bytes(rnd, DType.INT8);
        Tensor scale = TestGraph.random(rnd, 0.001f, 100), bias = TestGraph.random(rnd, 1f, 100);
        Tensor r = TestGraph.random(rnd, 1f, 2, 7, 100);
        for (LoadContext ctx : new LoadContext[] {null, constants(b, zb)}) {
            MatMulIntegerToFloat res = new MatMulIntegerToFloat(withResidual, ctx);
            Tensor y = (Tensor) res.forward(new Tensor[] {a, b, za, zb, scale, bias, r}, null)[0];
            TestGraph.assertClose(res.reference(a, b, za, zb, scale, bias, r), y, 0);
            // a residual that broadcasts takes the reference path
            Tensor row = TestGraph.random(rnd, 1f, 100);
            Tensor yb = (Tensor) res.forward(new Tensor[] {a, b, za, zb, scale, bias, row}, null)[0];
            TestGraph.assertClose(res.reference(a, b, za, zb, scale, bias, row), yb, 0);
            MatMulIntegerToFloat gelu = new MatMulIntegerToFloat(withGelu, ctx);
            Tensor g = (Tensor) gelu.forward(new Tensor[] {a, b, za, zb, scale, bias}, null)[0];
            Tensor plain = new MatMulIntegerToFloat(NODE, ctx).reference(a, b, za, zb, scale, bias);
            Tensor want = (Tensor) new Gelu(Attention.plain("Gelu")).forward(new Tensor[] {plain}, null)[0];
            TestGraph.assertClose(want, g, 0);
        }
    }

    /** A load context in which "b" and "zb" are the initializers given. */
    private static LoadContext constants(Tensor b, Tensor zb) {
        return new LoadContext() {
            @Override public int opset() { return 1; }
            @Override public int sinceVersion() { return 1; }
            @Override public dev.kiln.runtime.exec.CompiledGraph compile(Graph g) {
                throw new UnsupportedOperationException("no subgraphs in these tests");
            }
            @Override public Tensor constant(String name) {
                return "b".equals(name) ? b : "zb".equals(name) ? zb : null;
            }
        };
    }

    @Test
    void handComputedProduct() {
        // (A - 1) @ (B - 2) * 0.5 + [10, 20]: A = [[1, 2], [3, 4]], B = [[2, 3], [4, 5]] uint8
        // A - 1 = [[0, 1], [2, 3]], B - 2 = [[0, 1], [2, 3]] → [[2, 3], [6, 11]]
        Tensor y = (Tensor) new MatMulIntegerToFloat(NODE).forward(new Tensor[] {
            Tensor.wrap(DType.UINT8, Shape.of(2, 2), new byte[] {1, 2, 3, 4}),
            Tensor.wrap(DType.UINT8, Shape.of(2, 2), new byte[] {2, 3, 4, 5}),
            Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {1}),
            Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {2}),
            Tensor.scalar(0.5f), Tensor.of(new float[] {10, 20}, 2)}, null)[0];
        assertArrayEquals(new float[] {11, 21.5f, 13, 25.5f}, y.floats());
    }

    /** The dequantizing tail as the ORT quantizer writes it; {@code castTo} is the Cast's target. */
    private static Session quantizedDense(Random rnd, long castTo, boolean withBias, OptimizationOptions o) {
        List<Node> nodes = new ArrayList<>(List.of(
                node("MatMulInteger", List.of("a", "b", "za", "zb"), "acc"),
                node("Cast", List.of("acc"), "f", Attribute.of("to", castTo)),
                node("Mul", List.of("f", "s"), "scaled")));
        if (withBias) nodes.add(node("Add", List.of("bias", "scaled"), "y"));
        String out = withBias ? "y" : "scaled";
        Graph g = new Graph("g", List.of(tensor("a", DType.UINT8), tensor("za", DType.UINT8), tensor("s", DType.FLOAT32)),
                List.of(ValueInfo.of(out, ValueType.tensor(null, null))),
                Map.of("b", bytes(rnd, DType.INT8, 40, 6), "zb", bytes(rnd, DType.INT8, 6),
                        "bias", TestGraph.random(rnd, 1f, 6)),
                nodes, List.of(), Map.of("", 13));
        return new Session(Model.of(g), StandardOps.registry(), SessionOptions.defaults(), o);
    }

    private static Map<String, Tensor> feed(Random rnd) {
        return Map.of("a", bytes(rnd, DType.UINT8, 5, 40), "za", bytes(rnd, DType.UINT8),
                "s", TestGraph.random(rnd, 0.01f, 6));
    }

    @Test
    void fusesTheQuantizedDenseTailBitForBit() {
        for (boolean withBias : new boolean[] {true, false}) {
            Session fused = quantizedDense(new Random(1), 1, withBias, OptimizationOptions.ALL);
            Session plain = quantizedDense(new Random(1), 1, withBias, OptimizationOptions.NONE);
            assertEquals(1, fused.optimizations().get("matmul-integer"));
            assertEquals(1, fused.executionOrder().size());
            Map<String, Tensor> in = feed(new Random(2));
            String out = withBias ? "y" : "scaled";
            TestGraph.assertClose(plain.run(in).tensor(out), fused.run(in).tensor(out), 0);
        }
    }

    @Test
    void fusesAResidualAddBitForBit() {
        Random rnd = new Random(4);
        List<Node> nodes = List.of(node("MatMulInteger", List.of("a", "b", "za", "zb"), "acc"),
                node("Cast", List.of("acc"), "f", Attribute.of("to", 1L)), node("Mul", List.of("f", "s"), "scaled"),
                node("Add", List.of("scaled", "bias"), "y"), node("Add", List.of("r", "y"), "out"));
        Graph g = new Graph("g", List.of(tensor("a", DType.UINT8), tensor("za", DType.UINT8), tensor("s", DType.FLOAT32),
                tensor("r", DType.FLOAT32)), List.of(ValueInfo.of("out", ValueType.tensor(null, null))),
                Map.of("b", bytes(rnd, DType.INT8, 40, 6), "zb", bytes(rnd, DType.INT8, 6),
                        "bias", TestGraph.random(rnd, 1f, 6)), nodes, List.of(), Map.of("", 13));
        Session fused = new Session(Model.of(g), StandardOps.registry(), SessionOptions.defaults(), OptimizationOptions.ALL);
        Session plain = new Session(Model.of(g), StandardOps.registry(), SessionOptions.defaults(), OptimizationOptions.NONE);
        assertEquals(1, fused.executionOrder().size());
        Map<String, Tensor> in = new java.util.HashMap<>(feed(new Random(5)));
        in.put("r", TestGraph.random(new Random(6), 1f, 5, 6));
        TestGraph.assertClose(plain.run(in).tensor("out"), fused.run(in).tensor("out"), 0);
    }

    @Test
    void leavesACastToAnotherTypeAlone() {
        Session s = quantizedDense(new Random(3), DType.FLOAT64.onnxCode(), false, OptimizationOptions.ALL);
        assertNull(s.optimizations().get("matmul-integer"));
    }

    private static Node node(String op, List<String> in, String out, Attribute... attrs) {
        return new Node(out + "_node", "", op, in, List.of(out), new Attributes(List.of(attrs)));
    }

    private static ValueInfo tensor(String name, DType t) { return ValueInfo.of(name, ValueType.tensor(t, null)); }
}
