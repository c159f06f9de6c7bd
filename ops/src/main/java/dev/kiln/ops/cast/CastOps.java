package dev.kiln.ops.cast;

import dev.kiln.runtime.op.OpRegistry;

/** Type conversion ops. */
public final class CastOps {
    private CastOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        // Cast-1 names the type with a string; 19 adds saturate, 24 round_mode; the rest add types
        for (int v : new int[] {1, 6, 9, 13, 19, 21, 23, 24, 25}) r.add("Cast", v, 1, 1, Cast::new);
        for (int v : new int[] {15, 19, 21, 23, 24, 25}) r.add("CastLike", v, 2, 2, CastLike::new);
        r.add("BitCast", 26, 1, 1, BitCast::new);
    }
}
