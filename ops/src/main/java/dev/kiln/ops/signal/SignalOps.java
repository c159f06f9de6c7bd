package dev.kiln.ops.signal;

import dev.kiln.runtime.op.OpRegistry;

/** Signal processing ops. */
public final class SignalOps {
    private SignalOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
