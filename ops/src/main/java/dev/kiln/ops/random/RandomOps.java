package dev.kiln.ops.random;

import dev.kiln.runtime.op.OpRegistry;

/** Random generators. */
public final class RandomOps {
    private RandomOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
