package dev.kiln.ops.shape;

import dev.kiln.runtime.op.OpRegistry;

/** Shape and data-movement ops. */
public final class ShapeOps {
    private ShapeOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("Identity", 1, 1, 1, Identity::new);
    }
}
