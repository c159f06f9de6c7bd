package dev.kiln.runtime.opt;

import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.OpRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Load-time rewrites of a main graph: constant folding, then the pattern fusions in a fixed
 * order. A fusion runs only when the registry has its fused op. Subgraph bodies are left as they
 * are. The result computes the same outputs as the input graph.
 */
public final class GraphOptimizer {
    private final OpRegistry registry;
    private final OptimizationOptions options;

    /**
     * The outcome of one optimization.
     *
     * @param graph the rewritten graph
     * @param applied how many times each rewrite fired, by {@link Fusion#name()} ("fold" for folding)
     */
    public record Result(Graph graph, Map<String, Integer> applied) {}

    /**
     * @param registry the operators (for folding, and to tell which fused ops exist)
     * @param options which rewrites to run
     */
    public GraphOptimizer(OpRegistry registry, OptimizationOptions options) {
        this.registry = registry;
        this.options = options;
    }

    /** Optimizes {@code graph}. */
    public Result optimize(Graph graph) {
        Map<String, Integer> applied = new LinkedHashMap<>();
        Graph g = graph;
        if (options.foldConstants()) g = new ConstantFolding(registry, g.opsets()).apply(g, applied);
        for (Fusion f : fusions()) {
            if (registry.resolve(Fusions.DOMAIN, f.fusedOp(), -1) != null) g = fuse(g, f, applied);
        }
        return new Result(g, Collections.unmodifiableMap(applied));
    }

    private List<Fusion> fusions() {
        List<Fusion> list = new ArrayList<>();
        if (options.layerNorm()) list.add(new LayerNormFusion());
        if (options.gelu()) list.add(new GeluFusion());
        if (options.attention()) list.add(new AttentionFusion());
        if (options.matMulAdd()) list.add(new MatMulAddFusion());
        if (options.matMulInteger()) list.add(new MatMulIntegerToFloatFusion());
        return list;
    }

    private static Graph fuse(Graph g, Fusion f, Map<String, Integer> applied) {
        GraphView view = new GraphView(g);
        List<GraphView.Replacement> found = new ArrayList<>();
        Set<Node> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node root : g.nodes()) {
            if (taken.contains(root)) continue;
            GraphView.Replacement r = f.match(view, root);
            if (r == null || r.removed().stream().anyMatch(taken::contains)) continue;
            taken.addAll(r.removed());
            found.add(r);
        }
        if (found.isEmpty()) return g;
        applied.merge(f.name(), found.size(), Integer::sum);
        return view.rewrite(found);
    }
}
