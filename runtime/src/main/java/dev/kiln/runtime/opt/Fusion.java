package dev.kiln.runtime.opt;

import dev.kiln.runtime.graph.Node;

/**
 * One pattern rewrite. {@link #match} looks at a candidate root node and, when the pattern around
 * it matches exactly, returns the replacement; else null. A match must only remove values that
 * nothing outside the pattern reads ({@link GraphView#usedOnlyBy}) and that are not graph
 * outputs, and must check every constant it relies on.
 */
public interface Fusion {
    /** A short name for statistics and the {@code kiln.optimize} property. */
    String name();

    /** The fused op type the rewrite emits in the {@link Fusions#DOMAIN} domain. */
    String fusedOp();

    /** The replacement for the pattern rooted at {@code root}, or null. */
    GraphView.Replacement match(GraphView view, Node root);
}
