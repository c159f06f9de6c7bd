package dev.kiln.runtime.exec;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;

/**
 * One planned node: its op and the values to release once it has run.
 *
 * @param node the node
 * @param op the bound operator
 * @param releaseAfter names whose last use is this step
 * @param recycle for each released name, whether its array may return to the buffer pool (a
 *     tensor of the main graph that no sequence, optional or subgraph can have captured)
 */
record Step(Node node, Op op, String[] releaseAfter, boolean[] recycle) {}
