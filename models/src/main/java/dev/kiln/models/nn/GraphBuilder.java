package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a graph of standard ONNX nodes. Layers call it to add their nodes and parameters;
 * names are made unique and prefixed by the current scope (e.g. {@code block0/attn/MatMul_3}).
 */
public final class GraphBuilder {
    private final String name;
    private final int opset;
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final Set<String> trainable = new LinkedHashSet<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final Deque<String> scopes = new ArrayDeque<>();

    /** A builder for opset 17. */
    public GraphBuilder(String name) { this(name, 17); }

    /** A builder for the given ai.onnx opset. */
    public GraphBuilder(String name, int opset) {
        this.name = name;
        this.opset = opset;
    }

    /** The ai.onnx opset the graph targets. */
    public int opset() { return opset; }

    /**
     * Declares a graph input.
     *
     * @param dims each a {@code Number} (fixed) or a {@code String} (symbolic, e.g. "batch")
     */
    public Var input(String inputName, DType dtype, Object... dims) {
        List<Dim> d = new ArrayList<>();
        for (Object o : dims) {
            if (o instanceof Number n) d.add(Dim.of(n.longValue()));
            else if (o instanceof String s) d.add(Dim.symbolic(s));
            else throw new IllegalArgumentException("A dim must be a number or a symbolic name, got " + o);
        }
        inputs.add(ValueInfo.of(inputName, ValueType.tensor(dtype, d)));
        return new Var(inputName, d.size());
    }

    /** Declares {@code v} a graph output of the given element type. */
    public void output(Var v, DType dtype) {
        outputs.add(ValueInfo.of(v.name(), ValueType.tensor(dtype, null)));
    }

    /** Runs {@code body} with {@code scope} appended to the name prefix. */
    public <T> T scoped(String scope, java.util.function.Supplier<T> body) {
        scopes.addLast(unique(prefix() + scope));
        try {
            return body.get();
        } finally {
            scopes.removeLast();
        }
    }

    private String prefix() { return scopes.isEmpty() ? "" : scopes.peekLast() + "/"; }

    private String unique(String base) {
        int k = counters.merge(base, 1, Integer::sum) - 1;
        return k == 0 ? base : base + "_" + k;
    }

    /** Adds a trainable parameter (an initializer) and returns its name. */
    public String parameter(String localName, Tensor value) {
        String n = unique(prefix() + localName);
        initializers.put(n, value);
        trainable.add(n);
        return n;
    }

    /** Adds a constant (a non-trainable initializer) and returns its name. */
    public String constant(String localName, Tensor value) {
        String n = unique(prefix() + localName);
        initializers.put(n, value);
        return n;
    }

    /** Adds a node with one output and returns the output's name. */
    public String node(String opType, List<String> in, Attribute... attrs) {
        return node(opType, in, 1, attrs)[0];
    }

    /** Adds a node with {@code outputs} outputs and returns their names. */
    public String[] node(String opType, List<String> in, int outputCount, Attribute... attrs) {
        String nodeName = unique(prefix() + opType);
        String[] outs = new String[outputCount];
        for (int i = 0; i < outputCount; i++) outs[i] = outputCount == 1 ? nodeName : nodeName + ":" + i;
        nodes.add(new Node(nodeName, "", opType, in, List.of(outs), new Attributes(List.of(attrs))));
        return outs;
    }

    /** Names of the trainable parameters, in creation order. */
    public List<String> trainableNames() { return List.copyOf(trainable); }

    /** The graph built so far. */
    public Graph build() {
        return new Graph(name, inputs, outputs, initializers, nodes, List.of(), Map.of("", opset));
    }
}
