package dev.kiln.ops.reduce;

import dev.kiln.runtime.op.OpRegistry;

/** Reductions, arg-reductions, TopK and cumulative ops. */
public final class ReduceOps {
    private ReduceOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        // axes is an attribute up to ReduceSum-11 and the others' -13, an optional input after
        // (with noop_with_empty_axes); each op reads whichever its node carries
        for (int v : new int[] {1, 11, 13}) r.add("ReduceSum", v, 1, v >= 13 ? 2 : 1, ReduceSum::new);
        for (int v : new int[] {1, 11, 13, 18}) {
            int max = v >= 18 ? 2 : 1;
            r.add("ReduceMean", v, 1, max, ReduceMean::new);
            r.add("ReduceProd", v, 1, max, ReduceProd::new);
            r.add("ReduceL1", v, 1, max, ReduceL1::new);
            r.add("ReduceL2", v, 1, max, ReduceL2::new);
            r.add("ReduceLogSum", v, 1, max, ReduceLogSum::new);
            r.add("ReduceLogSumExp", v, 1, max, ReduceLogSumExp::new);
            r.add("ReduceSumSquare", v, 1, max, ReduceSumSquare::new);
        }
        // Max/Min add int8/uint8 at 12 and bool at 20
        for (int v : new int[] {1, 11, 12, 13, 18, 20}) {
            int max = v >= 18 ? 2 : 1;
            r.add("ReduceMax", v, 1, max, ReduceMax::new);
            r.add("ReduceMin", v, 1, max, ReduceMin::new);
        }
        // select_last_index from 12
        for (int v : new int[] {1, 11, 12, 13}) {
            r.add("ArgMax", v, 1, 1, ArgMax::new);
            r.add("ArgMin", v, 1, 1, ArgMin::new);
        }
        // k is an attribute in TopK-1, the input K from 10; largest and sorted from 11
        r.add("TopK", 1, 1, 1, TopK::new);
        for (int v : new int[] {10, 11, 24}) r.add("TopK", v, 2, 2, TopK::new);
        r.add("CumSum", 11, 2, 2, CumSum::new);
        r.add("CumSum", 14, 2, 2, CumSum::new);
        r.add("CumProd", 26, 2, 2, CumProd::new);
    }
}
