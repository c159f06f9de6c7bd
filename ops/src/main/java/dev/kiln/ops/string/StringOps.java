package dev.kiln.ops.string;

import dev.kiln.runtime.op.OpRegistry;

/** String ops. */
public final class StringOps {
    private StringOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
