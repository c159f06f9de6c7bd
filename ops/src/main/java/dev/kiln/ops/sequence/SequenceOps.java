package dev.kiln.ops.sequence;

import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.OpSpec;

/** Sequence and optional ops. */
public final class SequenceOps {
    private SequenceOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("SequenceEmpty", 11, 0, 0, SequenceEmpty::new);
        r.add("SequenceConstruct", 11, 1, OpSpec.VARIADIC, SequenceConstruct::new);
        r.add("SequenceInsert", 11, 2, 3, SequenceInsert::new);
        r.add("SequenceAt", 11, 2, 2, SequenceAt::new);
        r.add("SequenceErase", 11, 1, 2, SequenceErase::new);
        r.add("SequenceLength", 11, 1, 1, SequenceLength::new);
        r.add("SplitToSequence", 11, 1, 2, SplitToSequence::new);
        r.add("ConcatFromSequence", 11, 1, 1, ConcatFromSequence::new);
        r.add("", "SequenceMap", 17, 1, OpSpec.VARIADIC, (n, ctx) -> new SequenceMap(n, ctx));
        r.add("Optional", 15, 0, 1, Optional::new);
        r.add("", "OptionalHasElement", 15, 1, 1, (n, ctx) -> new OptionalHasElement(n, ctx));
        r.add("", "OptionalHasElement", 18, 0, 1, (n, ctx) -> new OptionalHasElement(n, ctx));
        r.add("", "OptionalGetElement", 15, 1, 1, (n, ctx) -> new OptionalGetElement(n, ctx));
        r.add("", "OptionalGetElement", 18, 1, 1, (n, ctx) -> new OptionalGetElement(n, ctx));
    }
}
