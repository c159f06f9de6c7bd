package dev.kiln.ops.cast;

import dev.kiln.runtime.op.OpRegistry;

/** Type conversion ops. */
public final class CastOps {
    private CastOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
