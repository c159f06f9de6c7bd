package dev.kiln.runtime.op;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.graph.Graph;

/** What an {@link OpFactory} may ask for while a model loads. */
public interface LoadContext {
    /** The model's opset version for the node's domain. */
    int opset();

    /** The since_version of the registration that was resolved for the node. */
    int sinceVersion();

    /** Compiles a subgraph attribute (an If/Loop/Scan body) that sees the enclosing scope. */
    CompiledGraph compile(Graph subgraph);
}
