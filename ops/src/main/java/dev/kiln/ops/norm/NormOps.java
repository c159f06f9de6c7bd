package dev.kiln.ops.norm;

import dev.kiln.runtime.op.OpRegistry;

/** Normalization and softmax-family ops. */
public final class NormOps {
    private NormOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        // Softmax family: opset 1-12 coerce X to 2-D at axis; 13+ work along one axis.
        for (int since : new int[] {1, 13}) {
            r.add("", "Softmax", since, 1, 1, Softmax::new);
            r.add("", "LogSoftmax", since, 1, 1, LogSoftmax::new);
            r.add("", "Hardmax", since, 1, 1, Hardmax::new);
        }
        // Opsets 1 and 6 have is_test; 7 drops it (extra outputs mean training statistics); 9
        // drops spatial; 14 adds training_mode.
        for (int since : new int[] {1, 7, 9, 14}) {
            r.add("", "BatchNormalization", since, 5, 5, BatchNormalization::new);
        }
        r.add("LayerNormalization", 17, 2, 3, LayerNormalization::new);
        r.add("InstanceNormalization", 1, 3, 3, InstanceNormalization::new);
        // Opset 18 has scale/bias per group, 21 per channel.
        r.add("", "GroupNormalization", 18, 3, 3, GroupNormalization::new);
        r.add("", "GroupNormalization", 21, 3, 3, GroupNormalization::new);
        r.add("RMSNormalization", 23, 2, 2, RMSNormalization::new);
        r.add("LpNormalization", 1, 1, 1, LpNormalization::new);
        r.add("LRN", 1, 1, 1, LRN::new);
        r.add("MeanVarianceNormalization", 9, 1, 1, MeanVarianceNormalization::new);
    }
}
