package dev.kiln.ops.loss;

import dev.kiln.runtime.op.OpRegistry;

/** Loss ops. */
public final class LossOps {
    private LossOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("NegativeLogLikelihoodLoss", 12, 2, 3, NegativeLogLikelihoodLoss::new);
        r.add("SoftmaxCrossEntropyLoss", 12, 2, 3, SoftmaxCrossEntropyLoss::new);
    }
}
