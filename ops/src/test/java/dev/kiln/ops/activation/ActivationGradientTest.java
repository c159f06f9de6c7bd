package dev.kiln.ops.activation;

import static dev.kiln.ops.GradTesting.assertGradient;
import static dev.kiln.ops.GradTesting.assertGradientFloat32;
import static dev.kiln.ops.GradTesting.op;
import static dev.kiln.ops.GradTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivationGradientTest {
    private final SplittableRandom rnd = new SplittableRandom(3);

    /** Points away from every kink of the piecewise activations below, for the float32 checks. */
    private static final Tensor SMOOTH_POINTS = Tensor.of(new double[] {-3.7, -2.9, -1.3, -0.6, -0.2, 0.3, 0.7, 1.6, 2.7, 3.6}, 10);

    private void check(Op op, double lo, double hi) {
        assertGradient(op, uniform(rnd, lo, hi, 4, 7));
        assertGradient(op, uniform(rnd, lo, hi, 3));
        assertGradientFloat32(op, SMOOTH_POINTS);
    }

    @Test
    void smoothActivations() {
        check(op("Sigmoid", 13, 1, 1), -4, 4);
        check(op("Tanh", 13, 1, 1), -3, 3);
        check(op("Softplus", 13, 1, 1), -4, 4);
        check(op("Softsign", 13, 1, 1), -4, 4);
        check(op("Mish", 18, 1, 1), -4, 4);
        check(op("Swish", 24, 1, 1), -4, 4);
        check(op("Swish", 24, 1, 1, Attribute.of("alpha", 1.5f)), -4, 4);
        check(op("Gelu", 20, 1, 1), -4, 4);
        check(op("Gelu", 20, 1, 1, Attribute.of("approximate", "tanh")), -4, 4);
    }

    @Test
    void piecewiseActivations() {
        check(op("Relu", 14, 1, 1), -2, 2);
        check(op("LeakyRelu", 16, 1, 1), -2, 2);
        check(op("LeakyRelu", 16, 1, 1, Attribute.of("alpha", 0.3f)), -2, 2);
        check(op("Elu", 6, 1, 1, Attribute.of("alpha", 0.5f)), -3, 2);
        check(op("Selu", 6, 1, 1), -3, 2);
        check(op("Selu", 6, 1, 1, Attribute.of("alpha", 2f), Attribute.of("gamma", 3f)), -3, 2);
        check(op("Celu", 12, 1, 1), -3, 2);
        check(op("Celu", 12, 1, 1, Attribute.of("alpha", 2f)), -3, 2);
        check(op("HardSigmoid", 6, 1, 1), -4, 4);
        check(op("HardSigmoid", 6, 1, 1, Attribute.of("alpha", 0.4f), Attribute.of("beta", 0.3f)), -4, 4);
        check(op("HardSwish", 14, 1, 1), -4, 4);
        check(op("ThresholdedRelu", 10, 1, 1), -3, 3);
        check(op("ThresholdedRelu", 10, 1, 1, Attribute.of("alpha", -0.5f)), -3, 3);
        check(op("Shrink", 9, 1, 1), -2, 2);
        check(op("Shrink", 9, 1, 1, Attribute.of("lambd", 1f), Attribute.of("bias", 0.4f)), -3, 3);
    }

    @Test
    void reluAndShrinkMasks() {
        Tensor x = Tensor.of(new double[] {-1, 0, 0.25, 2}, 4);
        Tensor ones = Tensor.of(new double[] {1, 1, 1, 1}, 4);
        Op relu = op("Relu", 14, 1, 1);
        Tensor[] out = {(Tensor) relu.forward(new Tensor[] {x}, null)[0]};
        assertArrayEquals(new double[] {0, 0, 1, 1}, relu.backward(new Tensor[] {x}, out, new Tensor[] {ones})[0].doubles());
        Op shrink = op("Shrink", 9, 1, 1, Attribute.of("lambd", 0.5f), Attribute.of("bias", 0.5f));
        out = new Tensor[] {(Tensor) shrink.forward(new Tensor[] {x}, null)[0]};
        assertArrayEquals(new double[] {1, 0, 0, 1}, shrink.backward(new Tensor[] {x}, out, new Tensor[] {ones})[0].doubles());
    }
}
