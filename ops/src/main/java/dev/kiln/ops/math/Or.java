package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.DType;

/** Or: the logical or of two bool tensors, with broadcasting. */
public final class Or extends BinaryKernel {
    /** Legacy broadcasting (attributes {@code broadcast}, {@code axis}) before opset 7. */
    public Or(Node node, LoadContext ctx) {
        super(LegacyBroadcast.before(7, node, ctx));
    }

    @Override
    boolean accepts(DType t) {
        return t == DType.BOOL;
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        return a | b;
    }
}
