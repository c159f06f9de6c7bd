package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;

/**
 * ArgMax: the int64 index of the largest element along {@code axis}, the first or the last among
 * ties; NaN counts as largest.
 */
public final class ArgMax extends ArgReduce {
    public ArgMax(Node node) {
        super(node, true);
    }
}
