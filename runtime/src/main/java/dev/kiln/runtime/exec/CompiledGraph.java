package dev.kiln.runtime.exec;

import dev.kiln.runtime.InvalidInputException;
import dev.kiln.runtime.KilnException;
import dev.kiln.runtime.OpExecutionException;
import dev.kiln.runtime.ResourceLimitException;
import dev.kiln.runtime.RunCancelledException;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph planned for execution: nodes in topological order with their ops bound, and the point
 * after which each intermediate value is released. Immutable and safe to run from many threads.
 */
public final class CompiledGraph {
    private final Graph graph;
    private final List<Step> steps;
    private final Set<String> outerReferences;

    CompiledGraph(Graph graph, List<Step> steps, Set<String> outerReferences) {
        this.graph = graph;
        this.steps = List.copyOf(steps);
        this.outerReferences = Set.copyOf(outerReferences);
    }

    /** The source graph. */
    public Graph graph() { return graph; }

    /** Names this graph reads from enclosing scopes. */
    public Set<String> outerReferences() { return outerReferences; }

    /** The nodes in the order they execute. */
    public List<dev.kiln.runtime.graph.Node> executionOrder() {
        return steps.stream().map(Step::node).toList();
    }

    /** Number of planned nodes. */
    public int size() { return steps.size(); }

    /**
     * Runs the graph as a subgraph: binds {@code inputs} to the graph inputs by position and
     * returns the graph outputs in order. The enclosing scope of {@code ctx} stays visible.
     */
    public List<Value> run(ExecutionContext ctx, List<? extends Value> inputs) {
        List<ValueInfo> declared = graph.inputs();
        if (inputs.size() > declared.size()) {
            throw new KilnException("Subgraph '" + graph.name() + "' takes " + declared.size()
                    + " inputs, got " + inputs.size());
        }
        Env env = new Env(ctx.env);
        for (Map.Entry<String, Tensor> e : graph.initializers().entrySet()) env.put(e.getKey(), e.getValue());
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) != null) env.put(declared.get(i).name(), inputs.get(i));
        }
        ExecutionContext child = ctx.child(env);
        child.runScoped(() -> execute(child, env));
        List<Value> out = new ArrayList<>(graph.outputs().size());
        for (ValueInfo o : graph.outputs()) out.add(fetch(env, o.name()));
        return out;
    }

    /** Runs with named inputs already placed in {@code env}. */
    void execute(ExecutionContext ctx, Env env) { execute(ctx, env, true); }

    /** Runs; with {@code release} false every intermediate stays in {@code env} (for backward). */
    void execute(ExecutionContext ctx, Env env, boolean release) {
        RunProfile profile = ctx.profile();
        for (Step step : steps) {
            var node = step.node();
            ctx.checkCancelled();
            Value[] in = new Value[node.inputs().size()];
            for (int i = 0; i < in.length; i++) {
                String name = node.inputs().get(i);
                if (name.isEmpty()) continue;
                in[i] = env.lookup(name);
                if (in[i] == null) {
                    throw new OpExecutionException(node.label(), "input '" + name
                            + "' has no value at run time", null);
                }
            }
            Value[] out;
            long start = profile == null ? 0 : System.nanoTime();
            try {
                out = step.op().forward(in, ctx);
            } catch (ResourceLimitException e) {
                throw e.nodeLabel() == null ? e.atNode(node.label()) : e;
            } catch (OpExecutionException | RunCancelledException e) {
                throw e;
            } catch (KilnException e) {
                throw new OpExecutionException(node.label(), e.getMessage(), e);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new OpExecutionException(node.label(), describe(e), e);
            }
            if (profile != null) {
                String domain = node.domain();
                profile.record(domain == null || domain.isEmpty() || domain.equals("ai.onnx")
                        ? node.opType() : domain + "." + node.opType(), System.nanoTime() - start);
            }
            List<String> names = node.outputs();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).isEmpty()) continue;
                if (out == null || i >= out.length || out[i] == null) {
                    throw new OpExecutionException(node.label(), "produced no value for output '"
                            + names.get(i) + "'", null);
                }
                env.put(names.get(i), out[i]);
                ctx.held(out[i]);
            }
            if (release) {
                String[] names2 = step.releaseAfter();
                boolean[] recycle = step.recycle();
                for (int i = 0; i < names2.length; i++) ctx.released(env.release(names2[i]), recycle[i]);
            }
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UnsupportedOperationException) {
            return m == null ? e.getClass().getSimpleName() : m;
        }
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    List<Step> steps() { return steps; }

    static Value fetch(Env env, String name) {
        Value v = env.lookup(name);
        if (v == null) throw new InvalidInputException("Graph output '" + name + "' was not computed");
        return v;
    }
}
