package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;

/** LessOrEqual: {@code A <= B} elementwise with broadcasting; bool output. */
public final class LessOrEqual extends CompareKernel {
    public LessOrEqual(Node node) {
        super(null);
    }

    @Override
    boolean test(double a, double b) {
        return a <= b;
    }

    @Override
    boolean test(long a, long b, boolean unsigned) {
        return unsigned ? Long.compareUnsigned(a, b) <= 0 : a <= b;
    }
}
