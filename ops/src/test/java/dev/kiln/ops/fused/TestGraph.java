package dev.kiln.ops.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.kiln.runtime.opt.OptimizationOptions;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A small graph builder for rewrite tests: float32 inputs, constants, nodes, outputs. */
final class TestGraph {
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final int opset;

    TestGraph(int opset) { this.opset = opset; }

    TestGraph input(String name) {
        inputs.add(ValueInfo.of(name, ValueType.tensor(DType.FLOAT32, null)));
        return this;
    }

    TestGraph constant(String name, Tensor value) {
        initializers.put(name, value);
        return this;
    }

    TestGraph scalar(String name, float v) { return constant(name, Tensor.scalar(v)); }

    TestGraph node(String op, List<String> in, String out, Attribute... attrs) {
        nodes.add(new Node(out + "_node", "", op, in, List.of(out), new Attributes(List.of(attrs))));
        return this;
    }

    TestGraph output(String name) {
        outputs.add(ValueInfo.of(name, ValueType.tensor(DType.FLOAT32, null)));
        return this;
    }

    Model model() {
        return Model.of(new Graph("g", inputs, outputs, initializers, nodes, List.of(), Map.of("", opset)));
    }

    Session session(OptimizationOptions o) {
        return new Session(model(), StandardOps.registry(), SessionOptions.defaults(), o);
    }

    /**
     * Runs the graph optimized and as loaded on the same inputs and asserts every output agrees
     * to {@code 1e-5}; returns the optimized session.
     */
    Session assertSameOutputs(Map<String, Tensor> feed) { return assertSameOutputs(feed, 1e-5); }

    /** As {@link #assertSameOutputs(Map)} with tolerance {@code tol} (0: bit for bit). */
    Session assertSameOutputs(Map<String, Tensor> feed, double tol) {
        Session fused = session(OptimizationOptions.ALL);
        Session plain = session(OptimizationOptions.NONE);
        for (ValueInfo o : outputs) {
            Tensor want = plain.run(feed).tensor(o.name());
            Tensor got = fused.run(feed).tensor(o.name());
            assertClose(want, got, tol);
        }
        return fused;
    }

    static void assertClose(Tensor want, Tensor got, double tol) {
        assertEquals(want.shape(), got.shape());
        assertEquals(want.dtype(), got.dtype());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.getDouble(i), got.getDouble(i), tol, "element " + i);
        }
    }

    static Tensor random(Random rnd, float scale, long... dims) {
        int n = 1;
        for (long d : dims) n *= (int) d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rnd.nextGaussian() * scale);
        return Tensor.of(v, dims);
    }
}
