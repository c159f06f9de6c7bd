package dev.kiln.ops.linalg;

import dev.kiln.runtime.op.OpRegistry;

/** Matrix products. */
public final class LinalgOps {
    private LinalgOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
