package dev.kiln.runtime.exec;

import dev.kiln.runtime.InvalidInputException;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.opt.GraphOptimizer;
import dev.kiln.runtime.opt.OptimizationOptions;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.OptionalValue;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A model planned for execution. Loading checks the graph, optimizes it (constant folding and
 * fusions, see {@link OptimizationOptions}) and orders it once; {@link #run} only executes. A
 * session is immutable and safe to call from many threads at once.
 */
public final class Session {
    private final Model model;
    private final CompiledGraph plan;
    private final SessionOptions options;
    private final Map<String, Integer> optimizations;
    private final AtomicLong runCounter = new AtomicLong();
    /** Output arrays released by earlier runs, for the kernels of later ones ({@link RunBuffers}). */
    private final BufferPool buffers = new BufferPool();

    /**
     * Plans {@code model} with the ops of {@code registry}, optimized as the {@code kiln.optimize}
     * system property says (everything by default).
     */
    public Session(Model model, OpRegistry registry, SessionOptions options) {
        this(model, registry, options, OptimizationOptions.defaults());
    }

    /** Plans {@code model} with the ops of {@code registry} and the given graph optimizations. */
    public Session(Model model, OpRegistry registry, SessionOptions options, OptimizationOptions optimization) {
        this.model = model;
        this.options = options == null ? SessionOptions.defaults() : options;
        Graph g = model.graph();
        CompiledGraph direct = new Planner(registry, g.opsets()).planMain(g);
        if (optimization == null || !optimization.any()) {
            this.plan = direct;
            this.optimizations = Map.of();
        } else {
            // the direct plan above has validated the model, so errors name its own nodes
            GraphOptimizer.Result r = new GraphOptimizer(registry, optimization).optimize(g);
            this.plan = r.graph() == g ? direct : new Planner(registry, g.opsets()).planMain(r.graph());
            this.optimizations = r.applied();
            System.getLogger(Session.class.getName()).log(System.Logger.Level.DEBUG,
                    "graph optimizations applied: " + r.applied());
        }
    }

    /** The loaded model. */
    public Model model() { return model; }

    /** The main graph's nodes in the order they execute (after optimization). */
    public List<dev.kiln.runtime.graph.Node> executionOrder() { return plan.executionOrder(); }

    /** How often each load-time rewrite fired ("fold", "layer-norm", ...); empty when none did. */
    public Map<String, Integer> optimizations() { return optimizations; }

    /** The inputs a caller must feed (graph inputs without an initializer). */
    public List<ValueInfo> inputs() { return model.graph().feedInputs(); }

    /** The graph outputs. */
    public List<ValueInfo> outputs() { return model.graph().outputs(); }

    /** Runs the model and returns every graph output. */
    public Outputs run(Map<String, ? extends Value> inputs) { return run(inputs, null); }

    /**
     * Runs the model.
     *
     * @param inputs values by input name; inputs with an initializer may be omitted
     * @param outputNames the outputs wanted, or null for all
     * @throws InvalidInputException when an input is unknown, missing, or of the wrong type or shape
     */
    public Outputs run(Map<String, ? extends Value> inputs, Collection<String> outputNames) {
        return run(inputs, outputNames, RunOptions.defaults());
    }

    /**
     * Runs the model and adds the time spent in each operator type to {@code profile}.
     *
     * @param inputs values by input name; inputs with an initializer may be omitted
     * @param outputNames the outputs wanted, or null for all
     * @param profile where node times are accumulated, or null for none
     * @throws InvalidInputException when an input is unknown, missing, or of the wrong type or shape
     */
    public Outputs run(Map<String, ? extends Value> inputs, Collection<String> outputNames, RunProfile profile) {
        return run(inputs, outputNames, RunOptions.defaults().withProfile(profile));
    }

    /**
     * Runs the model with a time limit, a cancel handle or a profile. Every run is also bounded
     * by the memory budget of the session options. A run that fails leaves the session usable.
     *
     * @param inputs values by input name; inputs with an initializer may be omitted
     * @param outputNames the outputs wanted, or null for all
     * @param runOptions the run's limits (null for none)
     * @throws InvalidInputException when an input is unknown, missing, or of the wrong type or shape
     * @throws dev.kiln.runtime.ResourceLimitException when the run asks for more memory than allowed
     * @throws dev.kiln.runtime.RunCancelledException when the time limit passes or the run is cancelled
     */
    public Outputs run(Map<String, ? extends Value> inputs, Collection<String> outputNames, RunOptions runOptions) {
        RunOptions ro = runOptions == null ? RunOptions.defaults() : runOptions;
        RunProfile profile = ro.profile();
        Graph g = plan.graph();
        Map<String, ValueInfo> declared = new LinkedHashMap<>();
        for (ValueInfo vi : g.inputs()) declared.put(vi.name(), vi);
        for (String name : inputs.keySet()) {
            if (!declared.containsKey(name)) {
                throw new InvalidInputException("Unknown input '" + name + "'; the model's inputs are "
                        + inputs().stream().map(ValueInfo::name).toList());
            }
        }
        Env env = new Env(null);
        for (Map.Entry<String, Tensor> e : g.initializers().entrySet()) env.put(e.getKey(), e.getValue());
        for (ValueInfo vi : g.inputs()) {
            Value v = inputs.get(vi.name());
            if (v == null) {
                if (!g.initializers().containsKey(vi.name())) {
                    throw new InvalidInputException("Missing input '" + vi.name() + "' of type " + vi.type());
                }
                continue;
            }
            check(vi, v);
            env.put(vi.name(), v);
        }
        List<String> wanted = new ArrayList<>();
        if (outputNames == null) {
            for (ValueInfo o : g.outputs()) wanted.add(o.name());
        } else {
            for (String name : outputNames) {
                if (g.outputs().stream().noneMatch(o -> o.name().equals(name))) {
                    throw new InvalidInputException("Unknown output '" + name + "'; the model's outputs are "
                            + g.outputs().stream().map(ValueInfo::name).toList());
                }
                wanted.add(name);
            }
        }
        long seed = options.seed() + runCounter.getAndIncrement() * 0x9E3779B97F4A7C15L;
        ExecutionContext ctx = new ExecutionContext(env, new SplittableRandom(seed), options.threads());
        ctx.profile(profile);
        ctx.recycleWith(buffers);
        ctx.budget(new MemoryBudget(options.maxTensorBytes(), options.maxRunBytes()));
        ctx.limit(ro.timeout(), ro.cancel());
        ctx.runActive(() -> plan.execute(ctx, env));
        if (profile != null) profile.endRun();
        Map<String, Value> out = new LinkedHashMap<>();
        for (String name : wanted) out.put(name, CompiledGraph.fetch(env, name));
        return new Outputs(out);
    }

    private static void check(ValueInfo vi, Value v) {
        ValueType t = vi.type();
        switch (t.kind()) {
            case TENSOR -> {
                if (!(v instanceof Tensor tensor)) {
                    throw new InvalidInputException("Input '" + vi.name() + "' expects a tensor " + t
                            + ", got " + v.describe());
                }
                if (t.elemType() != null && tensor.dtype() != t.elemType()) {
                    throw new InvalidInputException("Input '" + vi.name() + "' expects element type "
                            + t.elemType() + ", got " + tensor.dtype());
                }
                List<Dim> dims = t.dims();
                if (dims != null) {
                    if (dims.size() != tensor.rank()) {
                        throw new InvalidInputException("Input '" + vi.name() + "' expects shape " + dims
                                + " (rank " + dims.size() + "), got " + tensor.shape());
                    }
                    for (int i = 0; i < dims.size(); i++) {
                        Dim d = dims.get(i);
                        if (d.isFixed() && d.value() != tensor.shape().dim(i)) {
                            throw new InvalidInputException("Input '" + vi.name() + "' expects shape " + dims
                                    + ", got " + tensor.shape() + " (axis " + i + ")");
                        }
                    }
                }
            }
            case SEQUENCE -> {
                if (!(v instanceof SequenceValue)) {
                    throw new InvalidInputException("Input '" + vi.name() + "' expects " + t + ", got " + v.describe());
                }
            }
            case OPTIONAL -> {
                if (!(v instanceof OptionalValue)) {
                    throw new InvalidInputException("Input '" + vi.name() + "' expects " + t + ", got " + v.describe());
                }
            }
            default -> { }
        }
    }
}
