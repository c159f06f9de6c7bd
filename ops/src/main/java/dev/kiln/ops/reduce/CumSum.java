package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;

/** CumSum: running sums of x along the axis input, optionally exclusive and reversed. */
public final class CumSum extends Cumulative {
    public CumSum(Node node) {
        super(node, false);
    }
}
