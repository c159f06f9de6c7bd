package dev.kiln.ops.quant;

import dev.kiln.runtime.op.OpRegistry;

/** Quantization ops. */
public final class QuantOps {
    private QuantOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
