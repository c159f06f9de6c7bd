package dev.kiln.ops.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatMulAddFusionTest {
    private static TestGraph dense(Random rnd, int k, int n, long... biasDims) {
        return new TestGraph(13).input("a")
                .constant("w", TestGraph.random(rnd, 1f, k, n)).constant("bias", TestGraph.random(rnd, 1f, biasDims))
                .node("MatMul", List.of("a", "w"), "mm")
                .node("Add", List.of("bias", "mm"), "y")
                .output("y");
    }

    @Test
    void fusesMatMulAndBiasForAnyRankOfA() {
        Random rnd = new Random(1);
        for (long[] aDims : new long[][] {{2, 3, 40}, {5, 40}, {40}}) {
            TestGraph g = dense(rnd, 40, 33, 33);
            Session s = g.assertSameOutputs(Map.of("a", TestGraph.random(rnd, 1f, aDims)));
            assertEquals(1, s.optimizations().get("matmul-add"));
            Node only = s.executionOrder().get(0);
            assertEquals("MatMulAdd", only.opType());
            assertEquals(List.of("a", "w", "bias"), only.inputs());
        }
    }

    @Test
    void absorbsAResidualAddOfAnyShape() {
        Random rnd = new Random(6);
        // the residual as the product's shape (fast path), and broadcasting ones (reference path)
        long[][] residuals = {{2, 3, 33}, {33}, {3, 1}, {4, 2, 3, 33}};
        for (long[] rDims : residuals) {
            TestGraph g = new TestGraph(13).input("a").input("r")
                    .constant("w", TestGraph.random(rnd, 1f, 40, 33)).constant("bias", TestGraph.random(rnd, 1f, 33))
                    .node("MatMul", List.of("a", "w"), "mm").node("Add", List.of("mm", "bias"), "y")
                    .node("Add", List.of("r", "y"), "z").output("z");
            Session s = g.assertSameOutputs(Map.of("a", TestGraph.random(rnd, 1f, 2, 3, 40),
                    "r", TestGraph.random(rnd, 1f, rDims)));
            assertEquals(1, s.optimizations().get("matmul-add"));
            Node only = s.executionOrder().get(0);
            assertEquals(List.of("a", "w", "bias", "r"), only.inputs());
            assertEquals(List.of("z"), only.outputs());
        }
    }

    /** MiniLM's feed-forward: Gelu(Add(MatMul(a, w), bias)), with Gelu in its Erf form. */
    private static TestGraph denseGelu(Random rnd, int k, int n) {
        return new TestGraph(14).input("a")
                .constant("w", TestGraph.random(rnd, 0.2f, k, n)).constant("bias", TestGraph.random(rnd, 1f, n))
                .scalar("root2", 1.4142135f).scalar("one", 1f).scalar("half", 0.5f)
                .node("MatMul", List.of("a", "w"), "mm").node("Add", List.of("mm", "bias"), "x")
                .node("Div", List.of("x", "root2"), "u").node("Erf", List.of("u"), "e")
                .node("Add", List.of("e", "one"), "p").node("Mul", List.of("x", "p"), "t")
                .node("Mul", List.of("t", "half"), "y").output("y");
    }

    @Test
    void absorbsAFollowingGeluAsItsActivation() {
        Random rnd = new Random(8);
        // small (one block of columns) and large enough for several blocks and threads
        for (int[] mkn : new int[][] {{3, 7, 5}, {37, 96, 200}}) {
            TestGraph g = denseGelu(rnd, mkn[1], mkn[2]);
            Session s = g.assertSameOutputs(Map.of("a", TestGraph.random(rnd, 1f, 2, mkn[0], mkn[1])), 2e-5);
            assertEquals(1, s.optimizations().get("matmul-add"));
            assertEquals(1, s.executionOrder().size());
            Node only = s.executionOrder().get(0);
            assertEquals("MatMulAdd", only.opType());
            assertEquals("gelu", only.attributes().getString("activation", ""));
            assertEquals(List.of("y"), only.outputs());
        }
    }

    @Test
    void keepsAGeluInputThatIsAlsoAnOutput() {
        Random rnd = new Random(9);
        TestGraph g = denseGelu(rnd, 6, 4).output("x");
        Session s = g.assertSameOutputs(Map.of("a", TestGraph.random(rnd, 1f, 3, 6)));
        Node first = s.executionOrder().get(0);
        assertEquals("MatMulAdd", first.opType());
        assertEquals("", first.attributes().getString("activation", ""));
        assertEquals(List.of("x"), first.outputs());
    }

    @Test
    void keepsTheBiasSumWhenItIsAlsoAnOutput() {
        Random rnd = new Random(7);
        TestGraph g = new TestGraph(13).input("a").input("r")
                .constant("w", TestGraph.random(rnd, 1f, 8, 5)).constant("bias", TestGraph.random(rnd, 1f, 5))
                .node("MatMul", List.of("a", "w"), "mm").node("Add", List.of("mm", "bias"), "y")
                .node("Add", List.of("y", "r"), "z").output("z").output("y");
        Session s = g.assertSameOutputs(Map.of("a", TestGraph.random(rnd, 1f, 3, 8), "r", TestGraph.random(rnd, 1f, 3, 5)));
        assertEquals(List.of("a", "w", "bias"), s.executionOrder().get(0).inputs());
    }

    @Test
    void leavesABroadcastingBiasThatIsNotAVectorAlone() {
        Random rnd = new Random(2);
        Session s = dense(rnd, 6, 4, 3, 4).assertSameOutputs(Map.of("a", TestGraph.random(rnd, 1f, 3, 6)));
        assertNull(s.optimizations().get("matmul-add"));
    }

    @Test
    void leavesAWeightFedAtRunTimeAlone() {
        Random rnd = new Random(3);
        TestGraph g = new TestGraph(13).input("a").input("w").constant("bias", TestGraph.random(rnd, 1f, 4))
                .node("MatMul", List.of("a", "w"), "mm").node("Add", List.of("mm", "bias"), "y").output("y");
        Session s = g.assertSameOutputs(Map.of("a", TestGraph.random(rnd, 1f, 2, 6), "w", TestGraph.random(rnd, 1f, 6, 4)));
        assertNull(s.optimizations().get("matmul-add"));
    }

    @Test
    void leavesTheProductWhenItIsAlsoAnOutput() {
        Random rnd = new Random(4);
        Session s = dense(rnd, 6, 4, 4).output("mm").assertSameOutputs(Map.of("a", TestGraph.random(rnd, 1f, 2, 6)));
        assertNull(s.optimizations().get("matmul-add"));
    }

    @Test
    void kernelMatchesTheReference() {
        Random rnd = new Random(5);
        Node n = new Node("mm", "dev.kiln", "MatMulAdd", List.of("a", "w", "b"), List.of("y"), null);
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {128, 384, 96}, {33, 17, 65}};
        for (int[] s : shapes) {
            Tensor a = TestGraph.random(rnd, 1f, 1, s[0], s[1]);
            Tensor w = TestGraph.random(rnd, 1f, s[1], s[2]);
            Tensor b = TestGraph.random(rnd, 1f, s[2]);
            MatMulAdd op = new MatMulAdd(n, loading(null));
            Tensor y = (Tensor) op.forward(new Tensor[] {a, w, b}, null)[0];
            TestGraph.assertClose(op.reference(a, w, b), y, 1e-4);
            // W as a constant: packed once, reused, and not used for another tensor
            MatMulAdd constant = new MatMulAdd(n, loading(w));
            for (int run = 0; run < 2; run++) {
                Tensor yc = (Tensor) constant.forward(new Tensor[] {a, w, b}, null)[0];
                TestGraph.assertClose(op.reference(a, w, b), yc, 1e-4);
            }
            Tensor w2 = TestGraph.random(rnd, 1f, s[1], s[2]);
            Tensor y2 = (Tensor) constant.forward(new Tensor[] {a, w2, b}, null)[0];
            TestGraph.assertClose(op.reference(a, w2, b), y2, 1e-4);
        }
        // [1, 2] @ [[1, 0], [0, 1]] + [10, 20] = [11, 22]
        Tensor y = (Tensor) new MatMulAdd(n, loading(null)).forward(new Tensor[] {Tensor.of(new float[] {1, 2}, 2),
            Tensor.of(new float[] {1, 0, 0, 1}, 2, 2), Tensor.of(new float[] {10, 20}, 2)}, null)[0];
        TestGraph.assertClose(Tensor.of(new float[] {11, 22}, 2), y, 0);
    }

    /** A load context in which input "w" is the initializer {@code w} (or nothing). */
    private static LoadContext loading(Tensor w) {
        return new LoadContext() {
            @Override public int opset() { return 1; }
            @Override public int sinceVersion() { return 1; }
            @Override public dev.kiln.runtime.exec.CompiledGraph compile(dev.kiln.runtime.graph.Graph g) {
                throw new UnsupportedOperationException("no subgraphs in these tests");
            }
            @Override public Tensor constant(String name) { return "w".equals(name) ? w : null; }
        };
    }
}
