package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;

/** Less: {@code A < B} elementwise with broadcasting; bool output. */
public final class Less extends CompareKernel {
    /** Legacy broadcasting (attributes {@code broadcast}, {@code axis}) before opset 7. */
    public Less(Node node, LoadContext ctx) {
        super(LegacyBroadcast.before(7, node, ctx));
    }

    @Override
    boolean test(double a, double b) {
        return a < b;
    }

    @Override
    boolean test(long a, long b, boolean unsigned) {
        return unsigned ? Long.compareUnsigned(a, b) < 0 : a < b;
    }
}
