package dev.kiln.ops.unary;

import dev.kiln.runtime.op.OpRegistry;

/** Elementwise unary math. */
public final class UnaryOps {
    private UnaryOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
