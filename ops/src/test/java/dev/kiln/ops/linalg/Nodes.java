package dev.kiln.ops.linalg;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.OpFactory;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: build a node, create its op at an opset, and run it on tensors. */
public final class Nodes {
    private Nodes() {}

    /** A node with {@code inputs} inputs, {@code outputs} outputs and the given attributes. */
    public static Node node(String opType, int inputs, int outputs, Attribute... attrs) {
        List<String> in = new ArrayList<>(), out = new ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("in" + i);
        for (int i = 0; i < outputs; i++) out.add("out" + i);
        return new Node("n", "", opType, in, out, new Attributes(List.of(attrs)));
    }

    /** Creates the op for {@code node} as the registry would at {@code opset}. */
    public static Op create(OpFactory factory, Node node, int opset, int sinceVersion) {
        return factory.create(node, new LoadContext() {
            @Override public int opset() { return opset; }
            @Override public int sinceVersion() { return sinceVersion; }
            @Override public CompiledGraph compile(Graph subgraph) {
                throw new UnsupportedOperationException("no subgraphs in these tests");
            }
        });
    }

    /** A load context at opset 13 in which input {@code name} is the initializer {@code value}. */
    public static LoadContext withConstant(String name, Tensor value) {
        return new LoadContext() {
            @Override public int opset() { return 13; }
            @Override public int sinceVersion() { return 13; }
            @Override public CompiledGraph compile(Graph subgraph) {
                throw new UnsupportedOperationException("no subgraphs in these tests");
            }
            @Override public Tensor constant(String n) { return name.equals(n) ? value : null; }
        };
    }

    /** Runs an op and returns its tensor outputs. */
    public static Tensor[] run(Op op, Tensor... inputs) {
        Value[] out = op.forward(inputs, null);
        Tensor[] t = new Tensor[out.length];
        for (int i = 0; i < out.length; i++) t[i] = (Tensor) out[i];
        return t;
    }
}
