package dev.kiln.ops.rnn;

import dev.kiln.runtime.op.OpRegistry;

/** Recurrent layers. */
public final class RnnOps {
    private RnnOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
