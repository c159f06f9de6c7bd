package dev.kiln.ops.control;

import dev.kiln.runtime.op.OpRegistry;

/** Control flow: If, Loop, Scan. */
public final class ControlOps {
    private ControlOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
