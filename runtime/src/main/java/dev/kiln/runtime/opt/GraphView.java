package dev.kiln.runtime.opt;

import dev.kiln.runtime.exec.Planner;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only index over one graph for pattern rewrites: who produces and who consumes each
 * value, which values are constants, which are graph outputs. {@link #rewrite} builds the next
 * graph from a set of non-overlapping replacements.
 *
 * <p>A constant is an initializer that is not also a graph input (an initializer listed as an
 * input is only a default the caller may override).
 */
public final class GraphView {
    /** Stands for "read by a subgraph" among the consumers of a value. */
    private static final Node SUBGRAPH = new Node("<subgraph>", "", "<subgraph>", List.of(), List.of(), null);

    private final Graph graph;
    private final Map<String, Node> producer = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();
    private final Set<String> outputs = new HashSet<>();
    private final Set<String> inputs = new HashSet<>();

    /** Indexes {@code graph}. */
    public GraphView(Graph graph) {
        this.graph = graph;
        for (ValueInfo o : graph.outputs()) outputs.add(o.name());
        for (ValueInfo i : graph.inputs()) inputs.add(i.name());
        for (Node n : graph.nodes()) {
            for (String out : n.outputs()) if (!out.isEmpty()) producer.put(out, n);
            for (String in : n.inputs()) {
                if (!in.isEmpty()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
            for (String in : Planner.freeVariablesOfSubgraphs(n)) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(SUBGRAPH);
            }
        }
    }

    /** The indexed graph. */
    public Graph graph() { return graph; }

    /** The nodes, in graph order. */
    public List<Node> nodes() { return graph.nodes(); }

    /** The node producing {@code value}, or null for graph inputs, initializers and unknown names. */
    public Node producer(String value) { return producer.get(value); }

    /** The constant value of {@code name}: an initializer that is not a graph input, else null. */
    public Tensor constant(String name) {
        if (name.isEmpty() || inputs.contains(name)) return null;
        return graph.initializers().get(name);
    }

    /** The nodes reading {@code value}, once per input slot that names it. */
    public List<Node> consumers(String value) {
        List<Node> c = consumers.get(value);
        return c == null ? List.of() : c;
    }

    /** Whether {@code value} is a graph output. */
    public boolean isGraphOutput(String value) { return outputs.contains(value); }

    /**
     * Whether {@code value} may disappear when {@code nodes} are replaced: it is not a graph
     * output, no subgraph reads it, and every node reading it is one of {@code nodes}.
     */
    public boolean usedOnlyBy(String value, Node... nodes) {
        if (outputs.contains(value)) return false;
        for (Node c : consumers(value)) {
            boolean inside = false;
            for (Node n : nodes) inside |= c == n;
            if (!inside) return false;
        }
        return true;
    }

    /**
     * The single node reading {@code value} when exactly one input slot names it, no subgraph
     * reads it and it is not a graph output (so a rewrite may remove it); else null.
     */
    public Node soleConsumer(String value) {
        if (outputs.contains(value)) return null;
        List<Node> c = consumers(value);
        return c.size() == 1 && c.get(0) != SUBGRAPH ? c.get(0) : null;
    }

    /**
     * One rewrite: {@code removed} nodes give way to {@code added} (which may be empty), and
     * {@code constants} become new initializers.
     */
    public record Replacement(List<Node> removed, List<Node> added, Map<String, Tensor> constants) {
        /** A pattern of nodes replaced by one fused node. */
        public static Replacement fuse(List<Node> removed, Node fused) {
            return new Replacement(removed, List.of(fused), Map.of());
        }
    }

    /**
     * The graph with {@code replacements} applied. Each added node takes the place of the last
     * removed node of its replacement. Initializers that no node, subgraph or graph output reads
     * any longer, and that are not graph inputs, are dropped. Replacements must not share nodes.
     */
    public Graph rewrite(List<Replacement> replacements) {
        if (replacements.isEmpty()) return graph;
        Map<Node, Replacement> lastOf = new IdentityHashMap<>();
        Set<Node> removed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Node, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) position.put(graph.nodes().get(i), i);
        Map<String, Tensor> inits = new LinkedHashMap<>(graph.initializers());
        for (Replacement r : replacements) {
            Node last = null;
            for (Node n : r.removed()) {
                if (!removed.add(n)) throw new IllegalStateException("Node " + n.label() + " is rewritten twice");
                if (last == null || position.get(n) > position.get(last)) last = n;
            }
            if (last != null) lastOf.put(last, r);
            inits.putAll(r.constants());
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            Replacement r = lastOf.get(n);
            if (r != null) nodes.addAll(r.added());
            if (!removed.contains(n)) nodes.add(n);
        }
        Set<String> read = new HashSet<>(outputs);
        for (Node n : nodes) {
            read.addAll(n.inputs());
            read.addAll(Planner.freeVariablesOfSubgraphs(n));
        }
        inits.keySet().removeIf(name -> !read.contains(name) && !inputs.contains(name));
        return new Graph(graph.name(), graph.inputs(), graph.outputs(), inits, nodes, graph.valueInfos(),
                graph.opsets());
    }
}
