package dev.kiln.ops.activation;

import dev.kiln.runtime.op.OpRegistry;

/** Activation functions. */
public final class ActivationOps {
    private ActivationOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("Relu", 1, 1, 1, Relu::new);
        r.add("LeakyRelu", 1, 1, 1, LeakyRelu::new);
        r.add("Elu", 1, 1, 1, Elu::new);
        // Opset 1's default alpha and gamma are rounded to 1.6732 and 1.0507
        r.add("", "Selu", 1, 1, 1, Selu::new);
        r.add("", "Selu", 6, 1, 1, Selu::new);
        r.add("Sigmoid", 1, 1, 1, Sigmoid::new);
        r.add("HardSigmoid", 1, 1, 1, HardSigmoid::new);
        r.add("Tanh", 1, 1, 1, Tanh::new);
        r.add("Softplus", 1, 1, 1, Softplus::new);
        r.add("Softsign", 1, 1, 1, Softsign::new);
        r.add("Shrink", 9, 1, 1, Shrink::new);
        r.add("ThresholdedRelu", 10, 1, 1, ThresholdedRelu::new);
        r.add("Celu", 12, 1, 1, Celu::new);
        r.add("HardSwish", 14, 1, 1, HardSwish::new);
        r.add("Mish", 18, 1, 1, Mish::new);
        r.add("Gelu", 20, 1, 1, Gelu::new);
        r.add("Swish", 24, 1, 1, Swish::new);
    }
}
