package dev.kiln.ops.image;

import dev.kiln.runtime.op.OpRegistry;

/** Resampling and detection ops. */
public final class ImageOps {
    private ImageOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
    }
}
