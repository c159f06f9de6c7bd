package dev.kiln.ops.attention;

import dev.kiln.runtime.op.OpRegistry;

/** Attention and rotary embeddings. */
public final class AttentionOps {
    private AttentionOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
