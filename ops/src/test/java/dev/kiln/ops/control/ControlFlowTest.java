package dev.kiln.ops.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Outputs;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.OptionalValue;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** If, Loop and Scan on hand-built graphs whose bodies use only sequence and string ops. */
class ControlFlowTest {
    private static Node node(String op, List<String> in, List<String> out, Attribute... attrs) {
        return new Node("", "", op, in, out, new Attributes(List.of(attrs)));
    }

    private static ValueInfo tensor(String name, DType t) { return ValueInfo.of(name, ValueType.tensor(t, null)); }

    private static ValueInfo scalar(String name, DType t) { return ValueInfo.of(name, ValueType.tensor(t, List.of())); }

    private static Graph graph(List<ValueInfo> in, List<ValueInfo> out, Map<String, Tensor> inits, Node... nodes) {
        return new Graph("g", in, out, inits, List.of(nodes), List.of(), Map.of("", 20));
    }

    private static Outputs run(Graph g, Map<String, Value> feeds) {
        return new Session(Model.of(g), StandardOps.registry(), SessionOptions.defaults()).run(feeds);
    }

    private static Tensor str(String s) { return Tensor.wrap(DType.STRING, Shape.SCALAR, new String[] {s}); }

    private static Tensor bool(boolean b) { return Tensor.wrap(DType.BOOL, Shape.SCALAR, new boolean[] {b}); }

    @Test
    void ifPicksTheBranchAndSeesTheOuterScope() {
        Graph thenBranch = graph(List.of(), List.of(tensor("t", DType.FLOAT32)), Map.of(),
                node("Identity", List.of("a"), List.of("t")));
        Graph elseBranch = graph(List.of(), List.of(tensor("e", DType.FLOAT32)), Map.of(),
                node("Identity", List.of("b"), List.of("e")));
        Graph main = graph(List.of(scalar("cond", DType.BOOL), tensor("a", DType.FLOAT32), tensor("b", DType.FLOAT32)),
                List.of(tensor("y", DType.FLOAT32)), Map.of(),
                node("If", List.of("cond"), List.of("y"), Attribute.of("then_branch", thenBranch),
                        Attribute.of("else_branch", elseBranch)));
        Tensor a = Tensor.of(new float[] {1, 2}, 2);
        Tensor b = Tensor.of(new float[] {3, 4, 5}, 3);
        assertArrayEquals(new float[] {1, 2}, run(main, Map.of("cond", bool(true), "a", a, "b", b)).tensor("y").floats());
        assertArrayEquals(new float[] {3, 4, 5}, run(main, Map.of("cond", bool(false), "a", a, "b", b)).tensor("y").floats());
    }

    @Test
    void ifCanReturnOptionals() {
        ValueType optType = ValueType.optional(ValueType.tensor(DType.FLOAT32, null));
        Graph thenBranch = graph(List.of(), List.of(ValueInfo.of("t", optType)), Map.of(),
                node("Optional", List.of(), List.of("t"), new Attribute("type", Attribute.Kind.TYPE,
                        ValueType.tensor(DType.FLOAT32, null))));
        Graph elseBranch = graph(List.of(), List.of(ValueInfo.of("e", optType)), Map.of(),
                node("Optional", List.of("a"), List.of("e")));
        Graph main = graph(List.of(scalar("cond", DType.BOOL), tensor("a", DType.FLOAT32)),
                List.of(ValueInfo.of("y", optType)), Map.of(),
                node("If", List.of("cond"), List.of("y"), Attribute.of("then_branch", thenBranch),
                        Attribute.of("else_branch", elseBranch)));
        Tensor a = Tensor.of(new float[] {7}, 1);
        OptionalValue empty = (OptionalValue) run(main, Map.of("cond", bool(true), "a", a)).value("y");
        OptionalValue full = (OptionalValue) run(main, Map.of("cond", bool(false), "a", a)).value("y");
        assertFalse(empty.isPresent());
        assertEquals(7f, ((Tensor) full.value()).floats()[0]);
    }

    /** Loop body: (i, cond, seq) -> (cond, seq + [i], scan i). */
    private static Graph countingBody() {
        return graph(List.of(scalar("i", DType.INT64), scalar("c_in", DType.BOOL),
                        ValueInfo.of("s_in", ValueType.sequence(ValueType.tensor(DType.INT64, List.of())))),
                List.of(scalar("c_out", DType.BOOL),
                        ValueInfo.of("s_out", ValueType.sequence(ValueType.tensor(DType.INT64, List.of()))),
                        scalar("i_out", DType.INT64)),
                Map.of(),
                node("Identity", List.of("c_in"), List.of("c_out")),
                node("SequenceInsert", List.of("s_in", "i"), List.of("s_out")),
                node("Identity", List.of("i"), List.of("i_out")));
    }

    private static Graph countingLoop() {
        return graph(List.of(scalar("M", DType.INT64)),
                List.of(ValueInfo.of("seq", ValueType.sequence(ValueType.tensor(DType.INT64, List.of()))),
                        tensor("iters", DType.INT64)),
                Map.of("cond", bool(true)),
                node("SequenceEmpty", List.of(), List.of("empty"), Attribute.of("dtype", (long) DType.INT64.onnxCode())),
                node("Loop", List.of("M", "cond", "empty"), List.of("seq", "iters"), Attribute.of("body", countingBody())));
    }

    @Test
    void loopCarriesSequencesAndStacksScanOutputs() {
        Outputs out = run(countingLoop(), Map.of("M", Tensor.scalar(4L)));
        SequenceValue seq = (SequenceValue) out.value("seq");
        assertEquals(4, seq.size());
        for (int i = 0; i < 4; i++) assertEquals(i, seq.tensor(i).scalarLong());
        Tensor iters = out.tensor("iters");
        assertEquals(Shape.of(4), iters.shape());
        assertArrayEquals(new long[] {0, 1, 2, 3}, iters.longs());
    }

    @Test
    void loopWithZeroTripsReturnsInitialValuesAndEmptyScans() {
        Outputs out = run(countingLoop(), Map.of("M", Tensor.scalar(0L)));
        assertEquals(0, ((SequenceValue) out.value("seq")).size());
        assertEquals(Shape.of(0), out.tensor("iters").shape());
        assertEquals(DType.INT64, out.tensor("iters").dtype());
    }

    @Test
    void loopWithoutTripCountStopsWhenTheBodyConditionTurnsFalse() {
        // v <- v + "a" while v fully matches a{0,2}: "" -> "a" -> "aa" -> "aaa" (stop)
        Graph body = graph(List.of(scalar("i", DType.INT64), scalar("c_in", DType.BOOL), scalar("v_in", DType.STRING)),
                List.of(scalar("c_out", DType.BOOL), scalar("v_out", DType.STRING), scalar("i_out", DType.INT64)),
                Map.of(),
                node("StringConcat", List.of("v_in", "suffix"), List.of("v_out")),
                node("RegexFullMatch", List.of("v_out"), List.of("c_out"), Attribute.of("pattern", "a{0,2}")),
                node("Identity", List.of("i"), List.of("i_out")));
        Graph main = graph(List.of(scalar("v", DType.STRING)),
                List.of(scalar("final", DType.STRING), tensor("iters", DType.INT64)),
                Map.of("suffix", str("a")),
                node("Loop", List.of("", "", "v"), List.of("final", "iters"), Attribute.of("body", body)));
        Outputs out = run(main, Map.of("v", str("")));
        assertEquals("aaa", out.tensor("final").strings()[0]);
        assertArrayEquals(new long[] {0, 1, 2}, out.tensor("iters").longs());
    }

    /** Scan body: (acc, x) -> (acc + x, scan acc + x) on strings. */
    private static Graph concatBody() {
        return graph(List.of(scalar("acc_in", DType.STRING), scalar("x", DType.STRING)),
                List.of(scalar("acc_out", DType.STRING), scalar("y", DType.STRING)), Map.of(),
                node("StringConcat", List.of("acc_in", "x"), List.of("acc_out")),
                node("Identity", List.of("acc_out"), List.of("y")));
    }

    @Test
    void scanRunsForwardAndBackwardAlongAnAxis() {
        Graph main = graph(List.of(scalar("init", DType.STRING), tensor("xs", DType.STRING)),
                List.of(scalar("acc", DType.STRING), tensor("ys", DType.STRING)), Map.of(),
                node("Scan", List.of("init", "xs"), List.of("acc", "ys"), Attribute.of("body", concatBody()),
                        Attribute.of("num_scan_inputs", 1L), Attribute.ofInts("scan_input_directions", 1)));
        Outputs out = run(main, Map.of("init", str(">"), "xs", Tensor.of(new String[] {"a", "b", "c"}, 3)));
        assertEquals(">cba", out.tensor("acc").strings()[0]);
        assertArrayEquals(new String[] {">c", ">cb", ">cba"}, out.tensor("ys").strings());
    }

    @Test
    void scanStacksOutputsOnTheRequestedAxis() {
        // xs: (2, 3) scanned along axis 1 with a (2) state; ys stacked on axis 1 -> (2, 3)
        Graph body = graph(List.of(tensor("acc_in", DType.STRING), tensor("x", DType.STRING)),
                List.of(tensor("acc_out", DType.STRING), tensor("y", DType.STRING)), Map.of(),
                node("StringConcat", List.of("acc_in", "x"), List.of("acc_out")),
                node("Identity", List.of("acc_out"), List.of("y")));
        Graph main = graph(List.of(tensor("init", DType.STRING), tensor("xs", DType.STRING)),
                List.of(tensor("acc", DType.STRING), tensor("ys", DType.STRING)), Map.of(),
                node("Scan", List.of("init", "xs"), List.of("acc", "ys"), Attribute.of("body", body),
                        Attribute.of("num_scan_inputs", 1L), Attribute.ofInts("scan_input_axes", 1),
                        Attribute.ofInts("scan_output_axes", -1)));
        Outputs out = run(main, Map.of("init", Tensor.of(new String[] {"", ""}, 2),
                "xs", Tensor.of(new String[] {"a", "b", "c", "d", "e", "f"}, 2, 3)));
        assertArrayEquals(new String[] {"abc", "def"}, out.tensor("acc").strings());
        assertEquals(Shape.of(2, 3), out.tensor("ys").shape());
        assertArrayEquals(new String[] {"a", "ab", "abc", "d", "de", "def"}, out.tensor("ys").strings());
    }

    @Test
    void scan8HasABatchAxisAndPadsShortSequences() {
        // body: (prev, x) -> (x, scan prev); batch entry 0 has length 2, entry 1 length 3
        Graph body = graph(List.of(scalar("prev", DType.STRING), scalar("x", DType.STRING)),
                List.of(scalar("next", DType.STRING), scalar("y", DType.STRING)), Map.of(),
                node("Identity", List.of("x"), List.of("next")),
                node("Identity", List.of("prev"), List.of("y")));
        Graph main = new Graph("g", List.of(tensor("lens", DType.INT64), tensor("init", DType.STRING), tensor("xs", DType.STRING)),
                List.of(tensor("last", DType.STRING), tensor("ys", DType.STRING)), Map.of(),
                List.of(node("Scan", List.of("lens", "init", "xs"), List.of("last", "ys"), Attribute.of("body", body),
                        Attribute.of("num_scan_inputs", 1L))), List.of(), Map.of("", 8));
        Outputs out = run(main, Map.of("lens", Tensor.vector(2, 3), "init", Tensor.of(new String[] {"<", "<"}, 2),
                "xs", Tensor.of(new String[] {"a", "b", "c", "d", "e", "f"}, 2, 3)));
        assertArrayEquals(new String[] {"b", "f"}, out.tensor("last").strings());
        assertEquals(Shape.of(2, 3), out.tensor("ys").shape());
        assertArrayEquals(new String[] {"<", "a", "", "<", "d", "e"}, out.tensor("ys").strings());
    }
}
