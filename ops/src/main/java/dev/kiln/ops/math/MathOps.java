package dev.kiln.ops.math;

import dev.kiln.runtime.op.OpRegistry;

/** Binary arithmetic, comparison, logic and bitwise ops with broadcasting. */
public final class MathOps {
    private MathOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
