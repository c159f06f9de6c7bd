package dev.kiln.ops.conv;

import dev.kiln.runtime.op.OpRegistry;

/** Convolution and pooling. */
public final class ConvOps {
    private ConvOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
