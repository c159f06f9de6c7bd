package dev.kiln.ops.string;

import dev.kiln.runtime.op.OpRegistry;

/** String ops. */
public final class StringOps {
    private StringOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("StringNormalizer", 10, 1, 1, StringNormalizer::new);
        r.add("StringConcat", 20, 2, 2, StringConcat::new);
        r.add("StringSplit", 20, 1, 1, StringSplit::new);
        r.add("RegexFullMatch", 20, 1, 1, RegexFullMatch::new);
    }
}
