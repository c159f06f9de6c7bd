package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;

/** BitwiseXor: the bitwise exclusive or of two integer tensors, with broadcasting. */
public final class BitwiseXor extends BinaryKernel {
    public BitwiseXor(Node node) {
        super(null);
    }

    @Override
    boolean accepts(DType t) {
        return t.isInteger() && !t.isNarrow();
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        return a ^ b;
    }
}
