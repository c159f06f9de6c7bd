package dev.kiln.runtime.op;

import dev.kiln.runtime.graph.Node;

/** Creates the {@link Op} of one node at load time. */
@FunctionalInterface
public interface OpFactory {
    /**
     * @param node the node, with its attributes
     * @param ctx the opset in force and a way to compile subgraph attributes
     */
    Op create(Node node, LoadContext ctx);
}
