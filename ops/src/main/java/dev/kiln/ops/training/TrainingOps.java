package dev.kiln.ops.training;

import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.OpSpec;

/** ai.onnx.preview.training optimizer ops. */
public final class TrainingOps {
    private static final String TRAINING = "ai.onnx.preview.training";

    private TrainingOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add(TRAINING, "Adagrad", 1, 3, OpSpec.VARIADIC, (n, c) -> new Adagrad(n));
        r.add(TRAINING, "Adam", 1, 3, OpSpec.VARIADIC, (n, c) -> new Adam(n));
        r.add(TRAINING, "Momentum", 1, 3, OpSpec.VARIADIC, (n, c) -> new Momentum(n));
    }
}
