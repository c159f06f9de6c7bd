package dev.kiln.ops.sequence;

import dev.kiln.runtime.op.OpRegistry;

/** Sequence and optional ops. */
public final class SequenceOps {
    private SequenceOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
