package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;

/** CumProd: running products of x along the axis input, optionally exclusive and reversed. */
public final class CumProd extends Cumulative {
    public CumProd(Node node) {
        super(node, true);
    }
}
