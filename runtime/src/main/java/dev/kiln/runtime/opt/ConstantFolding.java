package dev.kiln.runtime.opt;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.OpSpec;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates, once at load, every node whose inputs are all constants and replaces it by
 * initializers holding its outputs. A node is left alone when it is random (its value must change
 * between runs), has a subgraph, produces something other than tensors, fails to evaluate (the
 * error is then raised at run time, with the usual context), or would turn small inputs into a
 * large constant (an Expand or ConstantOfShape is cheaper to run than to keep).
 */
public final class ConstantFolding {
    /** Ops whose outputs differ from run to run. */
    private static final Set<String> RANDOM = Set.of("RandomNormal", "RandomUniform", "RandomNormalLike",
            "RandomUniformLike", "Bernoulli", "Multinomial", "Dropout");
    /** A folded output may exceed its inputs' total size by at most this many elements. */
    private static final long GROWTH_LIMIT = 1 << 20;
    /** The longest one node may compute while folding. */
    private static final java.time.Duration FOLD_TIME_LIMIT = java.time.Duration.ofMillis(500);

    private final OpRegistry registry;
    private final Map<String, Integer> opsets;

    /**
     * @param registry the operators used to evaluate nodes
     * @param opsets the model's opset imports per domain
     */
    public ConstantFolding(OpRegistry registry, Map<String, Integer> opsets) {
        this.registry = registry;
        this.opsets = opsets;
    }

    /** The graph with every foldable node replaced by constants; counts the folded nodes into {@code stats}. */
    public Graph apply(Graph graph, Map<String, Integer> stats) {
        GraphView view = new GraphView(graph);
        Map<String, Tensor> known = new HashMap<>();
        List<GraphView.Replacement> replacements = new ArrayList<>();
        Set<Node> done = new HashSet<>();
        boolean changed = true;
        // model order is almost always topological, so this loop usually runs once or twice
        while (changed) {
            changed = false;
            for (Node n : graph.nodes()) {
                if (done.contains(n) || !foldable(n)) continue;
                Value[] in = new Value[n.inputs().size()];
                boolean allConstant = true;
                for (int i = 0; i < in.length && allConstant; i++) {
                    String name = n.inputs().get(i);
                    if (name.isEmpty()) continue;
                    Tensor t = known.containsKey(name) ? known.get(name) : view.constant(name);
                    in[i] = t;
                    allConstant = t != null;
                }
                if (!allConstant) continue;
                Map<String, Tensor> out = evaluate(n, in);
                done.add(n);
                if (out == null) continue;
                known.putAll(out);
                replacements.add(new GraphView.Replacement(List.of(n), List.of(), out));
                changed = true;
            }
        }
        if (!replacements.isEmpty()) stats.merge("fold", replacements.size(), Integer::sum);
        return view.rewrite(replacements);
    }

    private static boolean foldable(Node n) {
        if (RANDOM.contains(n.opType())) return false;
        for (Attribute a : n.attributes().all()) {
            if (a.kind() == Attribute.Kind.GRAPH || a.kind() == Attribute.Kind.GRAPHS) return false;
        }
        return true;
    }

    /** The node's outputs by name, or null when it cannot or should not be folded. */
    private Map<String, Tensor> evaluate(Node n, Value[] in) {
        int opset = opsets.getOrDefault(n.domain(), -1);
        OpSpec spec = registry.resolve(n.domain(), n.opType(), opset);
        if (spec == null || in.length < spec.minInputs() || in.length > spec.maxInputs()) return null;
        LoadContext ctx = new LoadContext() {
            @Override public int opset() { return opset; }
            @Override public int sinceVersion() { return spec.sinceVersion(); }
            @Override public CompiledGraph compile(Graph subgraph) {
                throw new IllegalStateException("constant folding does not compile subgraphs");
            }
        };
        long inputSize = 0;
        for (Value v : in) if (v instanceof Tensor t) inputSize += t.size();
        // a folded node may not allocate beyond what folding would keep: a huge ConstantOfShape
        // is left to the run, where the session's memory budget applies
        long cap = 8 * (inputSize + GROWTH_LIMIT);
        Value[] out;
        MemoryBudget previous = MemoryBudget.install(new MemoryBudget(cap, 4 * cap));
        try {
            Op op = spec.factory().create(n, ctx);
            // a node that computes for long is left to the run, where the caller's deadline applies
            ExecutionContext run = ExecutionContext.standalone(0, FOLD_TIME_LIMIT);
            Value[][] result = new Value[1][];
            run.runActive(() -> result[0] = op.forward(in, run));
            out = result[0];
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return null;
        } finally {
            MemoryBudget.install(previous);
        }
        Map<String, Tensor> result = new HashMap<>();
        for (int i = 0; i < n.outputs().size(); i++) {
            String name = n.outputs().get(i);
            if (name.isEmpty()) continue;
            if (out == null || i >= out.length || !(out[i] instanceof Tensor t)) return null;
            if (t.size() > inputSize + GROWTH_LIMIT) return null;
            result.put(name, t);
        }
        return result;
    }
}
