package dev.kiln.runtime.exec;

import dev.kiln.runtime.ModelLoadException;
import dev.kiln.runtime.UnsupportedOperatorException;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.OpSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a graph into a {@link CompiledGraph}: checks names, orders nodes topologically, binds
 * ops and computes when each value is last used. Unsupported operators anywhere in the model,
 * subgraphs included, are gathered and reported in one exception.
 */
public final class Planner {
    private final OpRegistry registry;
    private final Map<String, Integer> opsets;
    private final Set<String> unsupported = new LinkedHashSet<>();

    /**
     * @param registry the operators to bind
     * @param opsets the model's opset imports per domain
     */
    public Planner(OpRegistry registry, Map<String, Integer> opsets) {
        this.registry = registry;
        this.opsets = opsets;
    }

    /** Plans a main graph; throws {@link UnsupportedOperatorException} listing every missing op. */
    public CompiledGraph planMain(Graph graph) {
        CompiledGraph g = plan(graph, Set.of(), true);
        if (!unsupported.isEmpty()) throw new UnsupportedOperatorException(new ArrayList<>(unsupported));
        return g;
    }

    private CompiledGraph plan(Graph graph, Set<String> outerVisible) { return plan(graph, outerVisible, false); }

    /** With {@code main}, released tensors of plain nodes may return to the buffer pool. */
    private CompiledGraph plan(Graph graph, Set<String> outerVisible, boolean main) {
        Set<String> defined = new HashSet<>();
        for (ValueInfo in : graph.inputs()) defined.add(in.name());
        defined.addAll(graph.initializers().keySet());
        Map<String, Integer> producer = new HashMap<>();
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).outputs()) {
                if (out.isEmpty()) continue;
                if (producer.containsKey(out)) {
                    throw new ModelLoadException("Value '" + out + "' is produced by both node "
                            + nodes.get(producer.get(out)).label() + " and node " + nodes.get(i).label());
                }
                if (defined.contains(out)) {
                    throw new ModelLoadException("Node " + nodes.get(i).label() + " writes '" + out
                            + "', which is already a graph input or initializer");
                }
                producer.put(out, i);
            }
        }
        // uses of every node: explicit inputs plus names its subgraphs read from this scope
        List<List<String>> uses = new ArrayList<>(nodes.size());
        Set<String> outerRefs = new LinkedHashSet<>();
        for (Node n : nodes) {
            List<String> u = new ArrayList<>();
            for (String in : n.inputs()) if (!in.isEmpty()) u.add(in);
            u.addAll(freeVariablesOfSubgraphs(n));
            for (String name : u) {
                if (!defined.contains(name) && !producer.containsKey(name)) {
                    if (outerVisible.contains(name)) outerRefs.add(name);
                    else throw new ModelLoadException("Node " + n.label() + ": input '" + name
                            + "' is not defined by any graph input, initializer or node");
                }
            }
            uses.add(u);
        }
        for (ValueInfo o : graph.outputs()) {
            if (!defined.contains(o.name()) && !producer.containsKey(o.name())) {
                if (outerVisible.contains(o.name())) outerRefs.add(o.name());
                else throw new ModelLoadException("Graph output '" + o.name() + "' is not produced by any node");
            }
        }
        int[] order = topologicalOrder(nodes, uses, producer);

        Set<String> visibleInside = new HashSet<>(outerVisible);
        visibleInside.addAll(defined);
        visibleInside.addAll(producer.keySet());
        Set<String> keep = new HashSet<>();
        for (ValueInfo o : graph.outputs()) keep.add(o.name());
        Map<String, Integer> lastUse = new HashMap<>();
        for (int pos = 0; pos < order.length; pos++) {
            for (String name : uses.get(order[pos])) lastUse.put(name, pos);
        }
        List<List<String>> releases = new ArrayList<>();
        for (int pos = 0; pos < order.length; pos++) releases.add(new ArrayList<>());
        for (Map.Entry<String, Integer> e : lastUse.entrySet()) {
            String name = e.getKey();
            if (keep.contains(name) || outerRefs.contains(name)) continue;
            releases.get(e.getValue()).add(name);
        }
        // a value may be recycled when a plain node made it and only plain nodes read it
        Set<String> captured = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (!plain(n)) {
                captured.addAll(uses.get(i));
                for (String out : n.outputs()) captured.add(out);
            }
        }
        List<Step> steps = new ArrayList<>(order.length);
        for (int pos = 0; pos < order.length; pos++) {
            Node n = nodes.get(order[pos]);
            Op op = bind(n, graph, visibleInside);
            String[] released = releases.get(pos).toArray(new String[0]);
            boolean[] recycle = new boolean[released.length];
            for (int i = 0; i < released.length; i++) {
                recycle[i] = main && producer.containsKey(released[i]) && !captured.contains(released[i]);
            }
            steps.add(new Step(n, op, released, recycle));
        }
        return new CompiledGraph(graph, steps, outerRefs);
    }

    private Op bind(Node n, Graph graph, Set<String> visibleInside) {
        int opset = opsets.getOrDefault(n.domain(), -1);
        OpSpec spec = registry.resolve(n.domain(), n.opType(), opset);
        if (spec == null) {
            unsupported.add((n.domain().isEmpty() ? "ai.onnx" : n.domain()) + ":" + n.opType() + "@" + opset);
            // still check the bodies so that their unsupported ops are reported too
            for (Attribute a : n.attributes().all()) {
                if (a.value() instanceof Graph g) plan(g, visibleInside);
                if (a.kind() == Attribute.Kind.GRAPHS) for (Object g : (List<?>) a.value()) plan((Graph) g, visibleInside);
            }
            return null;
        }
        int count = n.inputs().size();
        if (count < spec.minInputs() || count > spec.maxInputs()) {
            String range = spec.maxInputs() == OpSpec.VARIADIC ? "at least " + spec.minInputs()
                    : spec.minInputs() == spec.maxInputs() ? Integer.toString(spec.minInputs())
                    : spec.minInputs() + " to " + spec.maxInputs();
            throw new ModelLoadException("Node " + n.label() + " has " + count + " inputs, expected "
                    + range + " at opset " + opset);
        }
        LoadContext ctx = new LoadContext() {
            @Override public int opset() { return opset; }
            @Override public int sinceVersion() { return spec.sinceVersion(); }
            @Override public CompiledGraph compile(Graph subgraph) { return plan(subgraph, visibleInside); }
            @Override public Tensor constant(String name) {
                return name == null || name.isEmpty() ? null : graph.initializers().get(name);
            }
        };
        try {
            return spec.factory().create(n, ctx);
        } catch (ModelLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelLoadException("Node " + n.label() + ": " + e.getMessage(), e);
        }
    }

    private static int[] topologicalOrder(List<Node> nodes, List<List<String>> uses, Map<String, Integer> producer) {
        int n = nodes.size();
        int[] pending = new int[n];
        List<List<Integer>> consumers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) consumers.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            for (String name : new HashSet<>(uses.get(i))) {
                Integer p = producer.get(name);
                if (p != null) {
                    pending[i]++;
                    consumers.get(p).add(i);
                }
            }
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) if (pending[i] == 0) ready.add(i);
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order[k++] = i;
            for (int c : consumers.get(i)) if (--pending[c] == 0) ready.add(c);
        }
        if (k < n) {
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < n && stuck.size() < 5; i++) if (pending[i] > 0) stuck.add(nodes.get(i).label());
            throw new ModelLoadException("The graph has a cycle through " + (n - k) + " nodes, e.g. " + stuck);
        }
        return order;
    }

    /**
     * Whether a node only maps tensors to tensors: no subgraphs, no sequences or optionals that
     * could keep hold of an input array.
     */
    private static boolean plain(Node n) {
        for (Attribute a : n.attributes().all()) {
            if (a.kind() == Attribute.Kind.GRAPH || a.kind() == Attribute.Kind.GRAPHS) return false;
        }
        String op = n.opType();
        return !op.contains("Sequence") && !op.contains("Optional");
    }

    /** Names read by a node's subgraphs (recursively) that the subgraphs do not define. */
    public static Set<String> freeVariablesOfSubgraphs(Node n) {
        Set<String> free = new LinkedHashSet<>();
        for (Attribute a : n.attributes().all()) {
            if (a.value() instanceof Graph g) free.addAll(freeVariables(g));
            if (a.kind() == Attribute.Kind.GRAPHS) for (Object g : (List<?>) a.value()) free.addAll(freeVariables((Graph) g));
        }
        return free;
    }

    private static Set<String> freeVariables(Graph g) {
        Set<String> local = new HashSet<>();
        for (ValueInfo in : g.inputs()) local.add(in.name());
        local.addAll(g.initializers().keySet());
        for (Node n : g.nodes()) for (String o : n.outputs()) local.add(o);
        Set<String> free = new LinkedHashSet<>();
        for (Node n : g.nodes()) {
            for (String in : n.inputs()) if (!in.isEmpty() && !local.contains(in)) free.add(in);
            for (String in : freeVariablesOfSubgraphs(n)) if (!local.contains(in)) free.add(in);
        }
        for (ValueInfo o : g.outputs()) if (!local.contains(o.name())) free.add(o.name());
        return free;
    }
}
