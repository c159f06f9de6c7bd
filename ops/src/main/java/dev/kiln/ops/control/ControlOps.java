package dev.kiln.ops.control;

import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.OpSpec;

/** Control flow: If, Loop, Scan. */
public final class ControlOps {
    private ControlOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("", "If", 1, 1, 1, (n, ctx) -> new If(n, ctx));
        r.add("", "Loop", 1, 2, OpSpec.VARIADIC, (n, ctx) -> new Loop(n, ctx));
        r.add("", "Scan", 8, 1, OpSpec.VARIADIC, (n, ctx) -> new Scan(n, ctx));
        r.add("", "Scan", 9, 1, OpSpec.VARIADIC, (n, ctx) -> new Scan(n, ctx));
    }
}
