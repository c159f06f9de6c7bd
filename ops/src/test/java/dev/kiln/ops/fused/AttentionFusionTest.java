package dev.kiln.ops.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.opt.OptimizationOptions;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AttentionFusionTest {
    /** BERT's self-attention core at the given opset: Softmax(Q Kt / 8 + mask) V. */
    private static TestGraph bert(int opset, long softmaxAxis, boolean divide, boolean masked) {
        TestGraph g = new TestGraph(opset).input("q").input("kt").input("v").input("mask")
                .node("MatMul", List.of("q", "kt"), "s");
        if (divide) g.scalar("c", 8f).node("Div", List.of("s", "c"), "sc");
        else g.scalar("c", 0.125f).node("Mul", List.of("c", "s"), "sc");
        if (masked) g.node("Add", List.of("sc", "mask"), "m");
        return g.node("Softmax", List.of(masked ? "m" : "sc"), "p", Attribute.of("axis", softmaxAxis))
                .node("MatMul", List.of("p", "v"), "o")
                .output("o");
    }

    private static Map<String, Tensor> feed(Random rnd, int b, int h, int s, int t, int d, long... maskDims) {
        Tensor mask = TestGraph.random(rnd, 1f, maskDims);
        float[] m = mask.floats();
        for (int i = 0; i < m.length; i++) m[i] = rnd.nextInt(4) == 0 ? -3.4028235e38f : 0f;
        return Map.of("q", TestGraph.random(rnd, 1f, b, h, s, d), "kt", TestGraph.random(rnd, 1f, b, h, d, t),
                "v", TestGraph.random(rnd, 1f, b, h, t, d + 1), "mask", mask);
    }

    @Test
    void fusesBertAttentionAndReproducesItBitForBit() {
        Random rnd = new Random(1);
        Session s = bert(11, 3, true, true).assertSameOutputs(feed(rnd, 2, 3, 5, 7, 4, 2, 1, 1, 7), 0);
        assertEquals(1, s.optimizations().get("attention"));
        Node only = s.executionOrder().get(0);
        assertEquals("Attention", only.opType());
        assertEquals(List.of("q", "kt", "v", "mask", "c"), only.inputs());
    }

    /** The chain between the Transposes that split Q, K, V into heads and merge O back. */
    private static TestGraph splitHeads(int opset) {
        return new TestGraph(opset).input("q4").input("k4").input("v4").input("mask")
                .node("Transpose", List.of("q4"), "q", Attribute.ofInts("perm", 0, 2, 1, 3))
                .node("Transpose", List.of("k4"), "kt", Attribute.ofInts("perm", 0, 2, 3, 1))
                .node("Transpose", List.of("v4"), "v", Attribute.ofInts("perm", 0, 2, 1, 3))
                .node("MatMul", List.of("q", "kt"), "s").scalar("c", 8f).node("Div", List.of("s", "c"), "sc")
                .node("Add", List.of("sc", "mask"), "m")
                .node("Softmax", List.of("m"), "p", Attribute.of("axis", -1L))
                .node("MatMul", List.of("p", "v"), "o")
                .node("Transpose", List.of("o"), "y", Attribute.ofInts("perm", 0, 2, 1, 3))
                .output("y");
    }

    @Test
    void absorbsTheHeadSplitTransposes() {
        // (B, S, H, D) projections; sequences shorter than a GEMM tile, odd sizes and BERT's shape
        int[][] shapes = {{2, 5, 3, 4, 7}, {1, 1, 2, 8, 1}, {1, 3, 4, 6, 3}, {2, 128, 12, 32, 128}};
        Random rnd = new Random(12);
        for (int[] sh : shapes) {
            int b = sh[0], s = sh[1], h = sh[2], d = sh[3], t = sh[4];
            Tensor mask = TestGraph.random(rnd, 1f, b, 1, 1, t);
            float[] m = mask.floats();
            for (int i = 0; i < m.length; i++) m[i] = rnd.nextInt(4) == 0 ? -10000f : 0f;
            Map<String, Tensor> feed = Map.of("q4", TestGraph.random(rnd, 1f, b, s, h, d),
                    "k4", TestGraph.random(rnd, 1f, b, t, h, d), "v4", TestGraph.random(rnd, 1f, b, t, h, d),
                    "mask", mask);
            Session fused = splitHeads(11).assertSameOutputs(feed, 2e-6);
            assertEquals(1, fused.optimizations().get("attention"));
            assertEquals(1, fused.executionOrder().size(), "the Transposes are gone");
            Node only = fused.executionOrder().get(0);
            assertEquals(List.of("q4", "k4", "v4", "mask", "c"), only.inputs());
            assertEquals(1L, only.attributes().getInt("layout", 0));
            // the kernel against its own reference (the Transposes and the standard ops)
            Attention op = new Attention(only);
            Tensor[] in = {feed.get("q4"), feed.get("k4"), feed.get("v4"), mask, Tensor.scalar(8f)};
            TestGraph.assertClose(op.reference(in[0], in[1], in[2], in[3], in[4]),
                    (Tensor) op.forward(in, null)[0], 2e-6);
        }
    }

    @Test
    void keepsTheTransposesWhenTheHeadsAreReadElsewhere() {
        Random rnd = new Random(13);
        TestGraph g = splitHeads(13).output("q");
        Map<String, Tensor> feed = Map.of("q4", TestGraph.random(rnd, 1f, 1, 4, 2, 3),
                "k4", TestGraph.random(rnd, 1f, 1, 5, 2, 3), "v4", TestGraph.random(rnd, 1f, 1, 5, 2, 3),
                "mask", TestGraph.random(rnd, 0f, 1, 1, 1, 5));
        Session s = g.assertSameOutputs(feed, 2e-6);
        assertEquals(1, s.optimizations().get("attention"));
        assertEquals(0L, s.executionOrder().stream().filter(n -> n.opType().equals("Attention"))
                .findFirst().orElseThrow().attributes().getInt("layout", 0));
    }

    @Test
    void fusesTheMulFormWithoutMaskAtOpset13() {
        Random rnd = new Random(2);
        TestGraph g = bert(13, -1, false, false);
        Session s = g.assertSameOutputs(feed(rnd, 1, 2, 6, 6, 8, 1), 0);
        assertEquals(1, s.optimizations().get("attention"));
        assertEquals(List.of("q", "kt", "v", "", "c"), s.executionOrder().get(0).inputs());
    }

    @Test
    void fullMaskAndOddShapesMatch() {
        Random rnd = new Random(3);
        Session s = bert(14, -1, true, true).assertSameOutputs(feed(rnd, 2, 2, 9, 3, 5, 2, 2, 9, 3), 0);
        assertEquals(1, s.optimizations().get("attention"));
    }

    @Test
    void softmaxOverAnotherAxisTakesTheReferencePath() {
        // opset 11 Softmax at axis 2 normalizes each (S, T) block: not the fast path, same result
        Random rnd = new Random(4);
        Session s = bert(11, 2, true, true).assertSameOutputs(feed(rnd, 1, 2, 4, 5, 3, 1, 1, 1, 5), 0);
        assertEquals(1, s.optimizations().get("attention"));
    }

    @Test
    void vectorQueryAndKeysWithAShapeOneScaleMatch() {
        // Q (D) and Kt (D) make scalar scores; the [1]-shaped scale widens them to [1], so the
        // chain stays valid: the reference path with the graph's own constant keeps that shape
        Random rnd = new Random(7);
        TestGraph g = new TestGraph(13).input("q").input("kt").input("v")
                .constant("c", Tensor.of(new float[] {2f}, 1))
                .node("MatMul", List.of("q", "kt"), "s").node("Div", List.of("s", "c"), "sc")
                .node("Softmax", List.of("sc"), "p", Attribute.of("axis", -1L))
                .node("MatMul", List.of("p", "v"), "o").output("o");
        Session s = g.assertSameOutputs(Map.of("q", TestGraph.random(rnd, 1f, 4), "kt", TestGraph.random(rnd, 1f, 4),
                "v", TestGraph.random(rnd, 1f, 1, 3)), 0);
        assertEquals(1, s.optimizations().get("attention"));
    }

    @Test
    void leavesTheScoresAloneWhenTheyAreAnOutput() {
        Random rnd = new Random(5);
        Session s = bert(13, -1, true, true).output("s").assertSameOutputs(feed(rnd, 1, 1, 3, 3, 2, 1, 3), 0);
        assertNull(s.optimizations().get("attention"));
    }

    @Test
    void oneSessionServesManyThreadsWithChangingShapes() throws Exception {
        // the per-thread score scratch is resized as sequence lengths change from run to run
        Session fused = bert(11, 3, true, true).session(OptimizationOptions.ALL);
        Session plain = bert(11, 3, true, true).session(OptimizationOptions.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int seed = w;
                jobs.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    for (int run = 0; run < 10; run++) {
                        int t = 3 + rnd.nextInt(6);
                        Map<String, Tensor> in = feed(rnd, 2, 3, t, t, 4, 2, 1, 1, t);
                        TestGraph.assertClose(plain.run(in).tensor("o"), fused.run(in).tensor("o"), 0);
                    }
                    return null;
                }));
            }
            for (var j : jobs) j.get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void fastPathMatchesTheReference() {
        Random rnd = new Random(6);
        Node n = new Node("a", "dev.kiln", "Attention", List.of("q", "kt", "v", "m"), List.of("o"),
                new Attributes(List.of(Attribute.of("scale", 5.656854f), Attribute.of("divide", 1L),
                        Attribute.of("axis", 3L), Attribute.of("coerce", 1L))));
        Attention op = new Attention(n);
        Map<String, Tensor> f = feed(rnd, 1, 12, 33, 33, 32, 1, 1, 1, 33);
        Tensor got = (Tensor) op.forward(new Tensor[] {f.get("q"), f.get("kt"), f.get("v"), f.get("mask")}, null)[0];
        // dividing by 5.656854 is multiplying by its inverse: within float32 rounding
        TestGraph.assertClose(op.reference(f.get("q"), f.get("kt"), f.get("v"), f.get("mask"),
                Tensor.scalar(5.656854f)), got, 2e-6);
        // one query, two keys, scale 1: scores [0, ln 3] → weights [1/4, 3/4]; V rows [4], [8] → 7
        Node one = new Node("a", "dev.kiln", "Attention", List.of("q", "kt", "v"), List.of("o"),
                new Attributes(List.of(Attribute.of("scale", 1f))));
        Tensor o = (Tensor) new Attention(one).forward(new Tensor[] {Tensor.of(new float[] {1}, 1, 1),
            Tensor.of(new float[] {0, (float) Math.log(3)}, 1, 2), Tensor.of(new float[] {4, 8}, 2, 1)}, null)[0];
        TestGraph.assertClose(Tensor.of(new float[] {7}, 1, 1), o, 1e-6);
    }
}
