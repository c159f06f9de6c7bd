package dev.kiln.ops.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeluFusionTest {
    private static TestGraph base(boolean divide) {
        TestGraph g = new TestGraph(14).input("x").scalar("one", 1f).scalar("half", 0.5f);
        if (divide) return g.scalar("root2", 1.4142135f).node("Div", List.of("x", "root2"), "u");
        return g.scalar("inv", 0.70710678f).node("Mul", List.of("inv", "x"), "u");
    }

    private static Map<String, Tensor> feed(Random rnd) { return Map.of("x", TestGraph.random(rnd, 3f, 3, 50)); }

    private static void assertFused(TestGraph g, long seed) {
        Session s = g.assertSameOutputs(feed(new Random(seed)));
        assertEquals(1, s.optimizations().get("gelu"));
        List<Node> order = s.executionOrder();
        assertEquals(1, order.size());
        assertEquals("Gelu", order.get(0).opType());
        assertEquals(List.of("x"), order.get(0).inputs());
    }

    @Test
    void fusesHalfAppliedLast() {
        // MiniLM's form: Mul(Mul(x, 1 + erf), 0.5)
        assertFused(base(true).node("Erf", List.of("u"), "e").node("Add", List.of("e", "one"), "a")
                .node("Mul", List.of("x", "a"), "t").node("Mul", List.of("t", "half"), "y").output("y"), 1);
    }

    @Test
    void matchesBothArgumentForms() {
        for (boolean divide : new boolean[] {true, false}) {
            TestGraph g = base(divide).node("Erf", List.of("u"), "e").node("Add", List.of("e", "one"), "a")
                    .node("Mul", List.of("x", "a"), "t").node("Mul", List.of("t", "half"), "y").output("y");
            Session s = g.assertSameOutputs(Map.of("x", TestGraph.random(new Random(7), 3f, 5000)), 5e-6);
            assertEquals(1, s.optimizations().get("gelu"));
        }
    }

    @Test
    void fusesHalfAppliedToX() {
        assertFused(base(false).node("Erf", List.of("u"), "e").node("Add", List.of("one", "e"), "a")
                .node("Mul", List.of("half", "x"), "hx").node("Mul", List.of("hx", "a"), "y").output("y"), 2);
    }

    @Test
    void fusesHalfAppliedToOnePlusErf() {
        assertFused(base(true).node("Erf", List.of("u"), "e").node("Add", List.of("e", "one"), "a")
                .node("Mul", List.of("a", "half"), "ha").node("Mul", List.of("x", "ha"), "y").output("y"), 3);
    }

    @Test
    void shapeOneConstantsWidenAScalarAsTheChainDoes() {
        TestGraph g = new TestGraph(14).input("x").constant("one", Tensor.of(new float[] {1}, 1))
                .scalar("half", 0.5f).scalar("root2", 1.4142135f)
                .node("Div", List.of("x", "root2"), "u").node("Erf", List.of("u"), "e")
                .node("Add", List.of("e", "one"), "a").node("Mul", List.of("x", "a"), "t")
                .node("Mul", List.of("t", "half"), "y").output("y");
        for (Tensor x : new Tensor[] {Tensor.scalar(0.7f), TestGraph.random(new Random(8), 2f, 2, 3)}) {
            Session s = g.assertSameOutputs(Map.of("x", x), 5e-6);
            assertEquals(1, s.optimizations().get("gelu"));
        }
    }

    @Test
    void leavesAnApproximateScaleAlone() {
        TestGraph g = new TestGraph(14).input("x").scalar("one", 1f).scalar("half", 0.5f).scalar("root2", 1.41f)
                .node("Div", List.of("x", "root2"), "u").node("Erf", List.of("u"), "e")
                .node("Add", List.of("e", "one"), "a").node("Mul", List.of("x", "a"), "t")
                .node("Mul", List.of("t", "half"), "y").output("y");
        assertNull(g.assertSameOutputs(feed(new Random(4))).optimizations().get("gelu"));
    }

    @Test
    void leavesTheChainWhenErfIsReadElsewhere() {
        TestGraph g = base(true).node("Erf", List.of("u"), "e").node("Add", List.of("e", "one"), "a")
                .node("Mul", List.of("x", "a"), "t").node("Mul", List.of("t", "half"), "y")
                .node("Neg", List.of("e"), "z").output("y").output("z");
        assertNull(g.assertSameOutputs(feed(new Random(5))).optimizations().get("gelu"));
    }

    @Test
    void kernelMatchesTheReference() {
        Random rnd = new Random(6);
        Tensor x = TestGraph.random(rnd, 4f, 1000);
        Node n = new Node("g", "dev.kiln", "Gelu", List.of("x"), List.of("y"), null);
        Gelu op = new Gelu(n);
        Tensor y = (Tensor) op.forward(new Tensor[] {x}, null)[0];
        TestGraph.assertClose(op.reference(x), y, 5e-6);
        // gelu(0) = 0, gelu(1) = 0.5 * (1 + erf(1 / sqrt 2)) = 0.8413447
        Tensor hand = (Tensor) new Gelu(n).forward(new Tensor[] {Tensor.of(new float[] {0, 1}, 2)}, null)[0];
        TestGraph.assertClose(Tensor.of(new float[] {0, 0.8413447f}, 2), hand, 1e-6);
    }
}
