package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;

/** Equal: {@code A == B} elementwise with broadcasting, for numbers, bools and strings; bool output. */
public final class Equal extends CompareKernel {
    /** Legacy broadcasting (attributes {@code broadcast}, {@code axis}) before opset 7. */
    public Equal(Node node, LoadContext ctx) {
        super(LegacyBroadcast.before(7, node, ctx));
    }

    @Override
    boolean test(double a, double b) {
        return a == b;
    }

    @Override
    boolean test(long a, long b, boolean unsigned) {
        return a == b;
    }

    @Override
    boolean test(String a, String b) {
        return a.equals(b);
    }
}
