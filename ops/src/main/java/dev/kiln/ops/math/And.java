package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.DType;

/** And: the logical and of two bool tensors, with broadcasting. */
public final class And extends BinaryKernel {
    /** Legacy broadcasting (attributes {@code broadcast}, {@code axis}) before opset 7. */
    public And(Node node, LoadContext ctx) {
        super(LegacyBroadcast.before(7, node, ctx));
    }

    @Override
    boolean accepts(DType t) {
        return t == DType.BOOL;
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        return a & b;
    }
}
