package dev.kiln.runtime.op;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.tensor.Tensor;

/** What an {@link OpFactory} may ask for while a model loads. */
public interface LoadContext {
    /** The model's opset version for the node's domain. */
    int opset();

    /** The since_version of the registration that was resolved for the node. */
    int sinceVersion();

    /**
     * The initializer a value name holds in this graph, or null. A run may still supply another
     * tensor for it (a graph input of the same name, a training override), so kernels that
     * prepare a constant once (packed weights) use the result only when the run passes this very
     * tensor instance. Initializers must not be modified once a session holds them.
     */
    default Tensor constant(String name) { return null; }

    /** Compiles a subgraph attribute (an If/Loop/Scan body) that sees the enclosing scope. */
    CompiledGraph compile(Graph subgraph);
}
