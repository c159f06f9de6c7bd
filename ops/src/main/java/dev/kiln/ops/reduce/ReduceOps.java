package dev.kiln.ops.reduce;

import dev.kiln.runtime.op.OpRegistry;

/** Reductions, arg-reductions, TopK and cumulative ops. */
public final class ReduceOps {
    private ReduceOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
