package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;

/**
 * ArgMin: the int64 index of the smallest element along {@code axis}, the first or the last among
 * ties; NaN counts as smallest.
 */
public final class ArgMin extends ArgReduce {
    public ArgMin(Node node) {
        super(node, false);
    }
}
