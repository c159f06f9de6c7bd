package dev.kiln.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.InvalidInputException;
import dev.kiln.runtime.ModelLoadException;
import dev.kiln.runtime.OpExecutionException;
import dev.kiln.runtime.UnsupportedOperatorException;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SessionTest {
    /** y = x * x, elementwise, float32. */
    static final class Square extends TensorOp {
        @Override
        protected Tensor[] compute(Tensor[] in) {
            float[] x = in[0].floats();
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i];
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, in[0].shape(), y)};
        }
    }

    /** y = a + b, same shapes, float32. */
    static final class Plus extends TensorOp {
        @Override
        protected Tensor[] compute(Tensor[] in) {
            float[] a = in[0].floats();
            float[] b = in[1].floats();
            if (a.length != b.length) throw new IllegalArgumentException("shapes differ");
            float[] y = new float[a.length];
            for (int i = 0; i < a.length; i++) y[i] = a[i] + b[i];
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, in[0].shape(), y)};
        }
    }

    private static final OpRegistry REGISTRY = new OpRegistry()
            .add("Square", 1, 1, 1, n -> new Square())
            .add("Plus", 1, 2, 2, n -> new Plus());

    private static ValueInfo floatInput(String name, Dim... dims) {
        return ValueInfo.of(name, ValueType.tensor(DType.FLOAT32, List.of(dims)));
    }

    private static ValueInfo anyFloat(String name) {
        return ValueInfo.of(name, ValueType.tensor(DType.FLOAT32, null));
    }

    private static Node node(String op, List<String> in, List<String> out) {
        return new Node(op + "_" + out.get(0), "", op, in, out, Attributes.EMPTY);
    }

    /** y = x^2 + x^2 with the nodes given out of order. */
    private static Model squarePlus() {
        Graph g = new Graph("g", List.of(floatInput("x", Dim.symbolic("batch"), Dim.of(3))),
                List.of(ValueInfo.of("y", ValueType.tensor(DType.FLOAT32, null)),
                        ValueInfo.of("s", ValueType.tensor(DType.FLOAT32, null))),
                Map.of(), List.of(node("Plus", List.of("s", "s"), List.of("y")), node("Square", List.of("x"), List.of("s"))),
                List.of(), Map.of("", 13));
        return Model.of(g);
    }

    @Test
    void runsNodesInTopologicalOrder() {
        Session s = new Session(squarePlus(), REGISTRY, null);
        Tensor y = s.run(Map.of("x", Tensor.of(new float[] {1, 2, 3}, 1, 3))).tensor("y");
        assertArrayEquals(new float[] {2, 8, 18}, y.floats());
    }

    @Test
    void returnsOnlyRequestedOutputs() {
        Session s = new Session(squarePlus(), REGISTRY, null);
        var out = s.run(Map.of("x", Tensor.of(new float[] {1, 2, 3}, 1, 3)), List.of("s"));
        assertEquals(List.of("s"), List.copyOf(out.asMap().keySet()));
        assertThrows(InvalidInputException.class,
                () -> s.run(Map.of("x", Tensor.of(new float[] {1, 2, 3}, 1, 3)), List.of("nope")));
    }

    @Test
    void concurrentRunsGiveIndependentResults() throws Exception {
        Session s = new Session(squarePlus(), REGISTRY, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                final int seed = t;
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 200; rep++) {
                        int batch = 1 + (seed + rep) % 4;
                        float[] x = new float[batch * 3];
                        for (int i = 0; i < x.length; i++) x[i] = seed * 1000 + rep + i;
                        float[] y = s.run(Map.of("x", Tensor.of(x, batch, 3))).tensor("y").floats();
                        for (int i = 0; i < x.length; i++) if (y[i] != 2 * x[i] * x[i]) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) assertTrue(f.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inputsAreValidated() {
        Session s = new Session(squarePlus(), REGISTRY, null);
        var e1 = assertThrows(InvalidInputException.class, () -> s.run(Map.of("q", Tensor.scalar(1f))));
        assertTrue(e1.getMessage().contains("'q'"), e1.getMessage());
        var e2 = assertThrows(InvalidInputException.class, () -> s.run(Map.of("x", Tensor.of(new double[3], 1, 3))));
        assertTrue(e2.getMessage().contains("float32"), e2.getMessage());
        var e3 = assertThrows(InvalidInputException.class, () -> s.run(Map.of("x", Tensor.of(new float[4], 1, 4))));
        assertTrue(e3.getMessage().contains("axis 1"), e3.getMessage());
        assertThrows(InvalidInputException.class, () -> s.run(Map.of()));
    }

    @Test
    void everyUnsupportedOperatorIsReportedAtOnce() {
        Graph g = new Graph("g", List.of(floatInput("x")), List.of(ValueInfo.of("z", ValueType.unknown())), Map.of(),
                List.of(node("Frobnicate", List.of("x"), List.of("y")), node("Twiddle", List.of("y"), List.of("z"))),
                List.of(), Map.of("", 17));
        var e = assertThrows(UnsupportedOperatorException.class, () -> new Session(Model.of(g), REGISTRY, null));
        assertEquals(List.of("ai.onnx:Frobnicate@17", "ai.onnx:Twiddle@17"), e.operators());
    }

    @Test
    void structuralErrorsNameTheProblem() {
        Graph cycle = new Graph("g", List.of(floatInput("x")), List.of(ValueInfo.of("b", ValueType.unknown())), Map.of(),
                List.of(node("Plus", List.of("x", "b"), List.of("a")), node("Plus", List.of("x", "a"), List.of("b"))),
                List.of(), Map.of("", 13));
        assertTrue(assertThrows(ModelLoadException.class, () -> new Session(Model.of(cycle), REGISTRY, null))
                .getMessage().contains("cycle"));
        Graph dangling = new Graph("g", List.of(floatInput("x")), List.of(ValueInfo.of("a", ValueType.unknown())), Map.of(),
                List.of(node("Plus", List.of("x", "ghost"), List.of("a"))), List.of(), Map.of("", 13));
        assertTrue(assertThrows(ModelLoadException.class, () -> new Session(Model.of(dangling), REGISTRY, null))
                .getMessage().contains("'ghost'"));
        Graph dup = new Graph("g", List.of(floatInput("x")), List.of(ValueInfo.of("a", ValueType.unknown())), Map.of(),
                List.of(node("Square", List.of("x"), List.of("a")), node("Square", List.of("x"), List.of("a"))),
                List.of(), Map.of("", 13));
        assertTrue(assertThrows(ModelLoadException.class, () -> new Session(Model.of(dup), REGISTRY, null))
                .getMessage().contains("produced by both"));
        Graph arity = new Graph("g", List.of(floatInput("x")), List.of(ValueInfo.of("a", ValueType.unknown())), Map.of(),
                List.of(node("Plus", List.of("x"), List.of("a"))), List.of(), Map.of("", 13));
        assertTrue(assertThrows(ModelLoadException.class, () -> new Session(Model.of(arity), REGISTRY, null))
                .getMessage().contains("has 1 inputs, expected 2"));
    }

    @Test
    void kernelFailuresNameTheNode() {
        Graph g = new Graph("g", List.of(anyFloat("x"), anyFloat("w")), List.of(ValueInfo.of("a", ValueType.unknown())),
                Map.of(), List.of(new Node("my_plus", "", "Plus", List.of("x", "w"), List.of("a"), Attributes.EMPTY)),
                List.of(), Map.of("", 13));
        Session s = new Session(Model.of(g), REGISTRY, null);
        var e = assertThrows(OpExecutionException.class,
                () -> s.run(Map.of("x", Tensor.of(new float[2], 2), "w", Tensor.of(new float[3], 3))));
        assertTrue(e.getMessage().startsWith("Node 'my_plus' (Plus): shapes differ"), e.getMessage());
    }

    @Test
    void profileCountsEveryNodeOfEveryRun() {
        Session s = new Session(squarePlus(), REGISTRY, SessionOptions.defaults());
        RunProfile profile = new RunProfile();
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        for (int i = 0; i < 3; i++) s.run(Map.of("x", x), null, profile);
        assertEquals(3, profile.runs());
        assertEquals(List.of("Plus", "Square"), profile.entries().stream().map(RunProfile.Entry::opType).sorted().toList());
        for (RunProfile.Entry e : profile.entries()) {
            assertEquals(3, e.calls(), e.opType());
            assertTrue(e.nanos() > 0, e.opType());
        }
        assertEquals(profile.entries().stream().mapToLong(RunProfile.Entry::nanos).sum(), profile.totalNanos());
        assertTrue(profile.table().contains("Square"), profile.table());
        // a run without a profile leaves it as it was
        s.run(Map.of("x", x));
        assertEquals(3, profile.runs());
    }

    /** y = x + 1 into a {@link RunBuffers} array; records the arrays it was given. */
    static final class PlusOneRecycled extends TensorOp {
        final List<float[]> given = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        protected Tensor[] compute(Tensor[] in) {
            float[] x = in[0].floats();
            float[] y = RunBuffers.floats(x.length);
            given.add(y);
            for (int i = 0; i < x.length; i++) y[i] = x[i] + 1;
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, in[0].shape(), y)};
        }
    }

    /** A view: the same array under another tensor, as Reshape makes. */
    static final class View extends TensorOp {
        @Override
        protected Tensor[] compute(Tensor[] in) {
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, in[0].shape(), in[0].floats())};
        }
    }

    @Test
    void releasedBuffersAreReusedButNeverWhileAViewLives() {
        PlusOneRecycled plusOne = new PlusOneRecycled();
        OpRegistry registry = new OpRegistry().add("PlusOne", 1, 1, 1, n -> plusOne)
                .add("View", 1, 1, 1, n -> new View()).add("Plus", 1, 2, 2, n -> new Plus());
        // a = x + 1; v = view(a); b = v + 1; c = b + 1; y = c + v: a's array must stay while v lives
        Graph g = new Graph("g", List.of(floatInput("x", Dim.of(4))), List.of(anyFloat("y")), Map.of(),
                List.of(node("PlusOne", List.of("x"), List.of("a")), node("View", List.of("a"), List.of("v")),
                        node("PlusOne", List.of("v"), List.of("b")), node("PlusOne", List.of("b"), List.of("c")),
                        node("Plus", List.of("c", "v"), List.of("y"))),
                List.of(), Map.of("", 13));
        Session s = new Session(Model.of(g), registry, SessionOptions.defaults());
        java.util.Random rnd = new java.util.Random(3);
        for (int run = 0; run < 5; run++) {
            float[] x = new float[4];
            for (int i = 0; i < 4; i++) x[i] = rnd.nextInt(100);
            float[] y = s.run(Map.of("x", Tensor.of(x, 4))).tensor("y").floats();
            for (int i = 0; i < 4; i++) assertEquals((x[i] + 3) + (x[i] + 1), y[i], 0f, "run " + run + " at " + i);
        }
        // b's array is released after c is made and comes back for a later run's a, b or c
        java.util.Set<float[]> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        distinct.addAll(plusOne.given);
        assertTrue(distinct.size() < plusOne.given.size(), "some array was reused: " + distinct.size());
    }
}
