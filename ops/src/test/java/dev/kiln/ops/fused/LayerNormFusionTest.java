package dev.kiln.ops.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerNormFusionTest {
    private static final Attribute LAST = Attribute.ofInts("axes", -1);

    /** The chain PyTorch writes for nn.LayerNorm(C) at opset 11, gamma and beta as given. */
    private static TestGraph chain(Random rnd, int c, boolean affine, Attribute axes) {
        TestGraph g = new TestGraph(11).input("x")
                .scalar("two", 2f).scalar("eps", 1e-12f)
                .node("ReduceMean", List.of("x"), "mean", axes)
                .node("Sub", List.of("x", "mean"), "d")
                .node("Pow", List.of("d", "two"), "sq")
                .node("ReduceMean", List.of("sq"), "var", axes)
                .node("Add", List.of("var", "eps"), "ve")
                .node("Sqrt", List.of("ve"), "sd")
                .node("Div", List.of("d", "sd"), "n");
        if (!affine) return g.output("n");
        return g.constant("gamma", TestGraph.random(rnd, 1f, c)).constant("beta", TestGraph.random(rnd, 1f, c))
                .node("Mul", List.of("n", "gamma"), "scaled")
                .node("Add", List.of("scaled", "beta"), "y")
                .output("y");
    }

    private static Map<String, Tensor> feed(Random rnd, long... dims) {
        Tensor x = TestGraph.random(rnd, 3f, dims);
        float[] v = x.floats();
        for (int i = 0; i < v.length; i++) v[i] += 5f;
        return Map.of("x", x);
    }

    @Test
    void fusesTheExporterChainAndMatchesIt() {
        Random rnd = new Random(1);
        Session s = chain(rnd, 24, true, LAST).assertSameOutputs(feed(rnd, 2, 7, 24));
        assertEquals(1, s.optimizations().get("layer-norm"));
        List<Node> order = s.executionOrder();
        assertEquals(1, order.size());
        assertEquals("dev.kiln", order.get(0).domain());
        assertEquals(List.of("x", "gamma", "beta"), order.get(0).inputs());
    }

    @Test
    void matchesTheChainWithinUlps() {
        Random rnd = new Random(9);
        Session s = chain(rnd, 384, true, LAST).assertSameOutputs(feed(rnd, 3, 384), 2e-6);
        assertEquals(1, s.optimizations().get("layer-norm"));
    }

    @Test
    void fusesWithoutScaleAndBias() {
        Random rnd = new Random(2);
        Session s = chain(rnd, 9, false, LAST).assertSameOutputs(feed(rnd, 3, 9));
        assertEquals(1, s.optimizations().get("layer-norm"));
        assertEquals(List.of("x", "", ""), s.executionOrder().get(0).inputs());
    }

    @Test
    void fusesReduceMeanWithAxesInput() {
        Random rnd = new Random(3);
        TestGraph g = new TestGraph(18).input("x")
                .scalar("two", 2f).scalar("eps", 1e-5f).constant("axes", Tensor.vector(-1))
                .constant("gamma", TestGraph.random(rnd, 1f, 16)).constant("beta", TestGraph.random(rnd, 1f, 16))
                .node("ReduceMean", List.of("x", "axes"), "mean")
                .node("Sub", List.of("x", "mean"), "d")
                .node("Pow", List.of("d", "two"), "sq")
                .node("ReduceMean", List.of("sq", "axes"), "var")
                .node("Add", List.of("eps", "var"), "ve")
                .node("Sqrt", List.of("ve"), "sd")
                .node("Div", List.of("d", "sd"), "n")
                .node("Mul", List.of("gamma", "n"), "scaled")
                .node("Add", List.of("beta", "scaled"), "y")
                .output("y");
        Session s = g.assertSameOutputs(feed(rnd, 4, 16));
        assertEquals(1, s.optimizations().get("layer-norm"));
    }

    @Test
    void leavesTheChainWhenAnIntermediateIsAGraphOutput() {
        Random rnd = new Random(4);
        Session s = chain(rnd, 8, true, LAST).output("d").assertSameOutputs(feed(rnd, 2, 8));
        assertNull(s.optimizations().get("layer-norm"));
    }

    @Test
    void leavesTheChainWhenTheAxisIsNotTheLast() {
        Random rnd = new Random(5);
        Session s = chain(rnd, 4, false, Attribute.ofInts("axes", 0)).assertSameOutputs(feed(rnd, 4, 3));
        assertNull(s.optimizations().get("layer-norm"));
    }

    @Test
    void leavesTheChainWhenTheExponentIsNotTwo() {
        Random rnd = new Random(6);
        TestGraph g = chain(rnd, 8, true, LAST).scalar("two", 3f);
        Session s = g.assertSameOutputs(feed(rnd, 2, 8));
        assertNull(s.optimizations().get("layer-norm"));
    }

    @Test
    void stopsAtAScaledValueThatIsAlsoAnOutput() {
        // "scaled" must stay visible: the fused node writes it and the bias Add stays a node
        Random rnd = new Random(7);
        Session s = chain(rnd, 8, true, LAST).output("scaled").assertSameOutputs(feed(rnd, 3, 8));
        assertEquals(1, s.optimizations().get("layer-norm"));
        List<Node> order = s.executionOrder();
        assertEquals(2, order.size());
        assertEquals(List.of("x", "gamma", ""), order.get(0).inputs());
        assertEquals(List.of("scaled"), order.get(0).outputs());
    }

    @Test
    void gammaThatWidensASingleColumnTakesTheReferencePath() {
        // X (3, 1) times a gamma of 4 values broadcasts to (3, 4): not the fast path, same result
        Random rnd = new Random(10);
        Session s = chain(rnd, 4, true, LAST).assertSameOutputs(feed(rnd, 3, 1), 1e-6);
        assertEquals(1, s.optimizations().get("layer-norm"));
    }

    @Test
    void kernelMatchesTheReference() {
        Random rnd = new Random(8);
        for (int c : new int[] {1, 3, 16, 384, 385}) {
            Tensor x = TestGraph.random(rnd, 2f, 5, c);
            Tensor gamma = TestGraph.random(rnd, 1f, c), beta = TestGraph.random(rnd, 1f, 1);
            LayerNorm op = new LayerNorm(node(1e-5f));
            Tensor got = (Tensor) op.forward(new Tensor[] {x, gamma, beta}, null)[0];
            TestGraph.assertClose(op.reference(x, gamma, beta), got, 2e-6);
        }
        // a hand-computed row: x = [1, 3], mean 2, var 1 → [-1, 1] (eps 0), then * 2 + 0.5
        Tensor y = (Tensor) new LayerNorm(node(0f)).forward(new Tensor[] {Tensor.of(new float[] {1, 3}, 1, 2),
            Tensor.of(new float[] {2}, 1), Tensor.of(new float[] {0.5f}, 1)}, null)[0];
        TestGraph.assertClose(Tensor.of(new float[] {-1.5f, 2.5f}, 1, 2), y, 1e-6);
    }

    private static Node node(float eps) {
        return new Node("ln", "dev.kiln", "LayerNorm", List.of("x", "g", "b"), List.of("y"),
                new dev.kiln.runtime.graph.Attributes(List.of(Attribute.of("epsilon", eps))));
    }
}
