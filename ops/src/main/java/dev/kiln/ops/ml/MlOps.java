package dev.kiln.ops.ml;

import dev.kiln.runtime.op.OpRegistry;

/** ai.onnx.ml domain ops. */
public final class MlOps {
    private MlOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
