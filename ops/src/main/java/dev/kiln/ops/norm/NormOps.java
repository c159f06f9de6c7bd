package dev.kiln.ops.norm;

import dev.kiln.runtime.op.OpRegistry;

/** Normalization and softmax-family ops. */
public final class NormOps {
    private NormOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
