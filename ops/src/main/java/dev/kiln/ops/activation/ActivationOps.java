package dev.kiln.ops.activation;

import dev.kiln.runtime.op.OpRegistry;

/** Activation functions. */
public final class ActivationOps {
    private ActivationOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
