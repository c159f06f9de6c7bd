package dev.kiln.ops.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationOpsTest {
    static Node node(String op, Attribute... attributes) {
        return new Node("n", "", op, List.of("x"), List.of("y"), new Attributes(List.of(attributes)));
    }

    @Test
    void geluExactAndTanh() {
        Tensor x = Tensor.of(new double[] {-1, 0, 1, 2}, 4);
        // 0.5 x (1 + erf(x / sqrt 2)), values from Python
        assertArrayEquals(new double[] {-0.15865525393145707, 0, 0.8413447460685429, 1.9544997361036416},
                new Gelu(node("Gelu")).apply(x).doubles(), 1e-14);
        // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        assertArrayEquals(new double[] {-0.15880800939172324, 0, 0.8411919906082768, 1.954597694087775},
                new Gelu(node("Gelu", Attribute.of("approximate", "tanh"))).apply(x).doubles(), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> new Gelu(node("Gelu", Attribute.of("approximate", "erf"))));
    }

    @Test
    void seluEluCeluUseTheirAlphas() {
        Tensor x = Tensor.of(new float[] {-1, 2}, 2);
        float[] selu = new Selu(node("Selu", Attribute.of("alpha", 2f), Attribute.of("gamma", 3f))).apply(x).floats();
        assertArrayEquals(new float[] {(float) (3 * 2 * (Math.exp(-1) - 1)), 6}, selu, 1e-6f);
        float[] elu = new Elu(node("Elu", Attribute.of("alpha", 2f))).apply(x).floats();
        assertArrayEquals(new float[] {(float) (2 * (Math.exp(-1) - 1)), 2}, elu, 1e-6f);
        float[] celu = new Celu(node("Celu", Attribute.of("alpha", 2f))).apply(x).floats();
        assertArrayEquals(new float[] {(float) (2 * (Math.exp(-0.5) - 1)), 2}, celu, 1e-6f);
    }

    @Test
    void softplusAndSigmoidStayFiniteForLargeInputs() {
        Tensor x = Tensor.of(new double[] {-1000, 0, 1000}, 3);
        assertArrayEquals(new double[] {0, Math.log(2), 1000}, new Softplus(node("Softplus")).apply(x).doubles(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1}, new Sigmoid(node("Sigmoid")).apply(x).doubles(), 1e-12);
    }

    @Test
    void hardFunctionsAndShrink() {
        Tensor x = Tensor.of(new float[] {-4, -1, 0, 1, 4}, 5);
        assertArrayEquals(new float[] {0, 0.3f, 0.5f, 0.7f, 1}, new HardSigmoid(node("HardSigmoid")).apply(x).floats(), 1e-6f);
        assertArrayEquals(new float[] {0, -1f / 3, 0, 2f / 3, 4}, new HardSwish(node("HardSwish")).apply(x).floats(), 1e-6f);
        Shrink soft = new Shrink(node("Shrink", Attribute.of("lambd", 1.5f), Attribute.of("bias", 1.5f)));
        assertArrayEquals(new float[] {-2.5f, 0, 0, 0, 2.5f}, soft.apply(x).floats());
        Tensor i = Tensor.fromLongs(DType.INT32, Shape.of(3), new long[] {-4, 1, 4});
        assertArrayEquals(new int[] {-3, 0, 3}, new Shrink(node("Shrink", Attribute.of("bias", 1f))).apply(i).ints());
        assertArrayEquals(new float[] {0, 0, 0, 0, 4}, new ThresholdedRelu(node("ThresholdedRelu")).apply(x).floats());
    }

    @Test
    void reluOnIntegersAndLeakyRelu() {
        Tensor i = Tensor.of(new long[] {-3, 0, 5}, 3);
        assertArrayEquals(new long[] {0, 0, 5}, new Relu(node("Relu")).apply(i).longs());
        Tensor x = Tensor.of(new float[] {-10, 10}, 2);
        assertArrayEquals(new float[] {-0.1f, 10}, new LeakyRelu(node("LeakyRelu")).apply(x).floats(), 1e-7f);
    }

    @Test
    void mishAndSwish() {
        double sp1 = Math.log1p(Math.E);
        Tensor x = Tensor.of(new double[] {1}, 1);
        assertEquals(Math.tanh(sp1), new Mish(node("Mish")).apply(x).doubles()[0], 1e-15);
        assertEquals(1 / (1 + Math.exp(-2)), new Swish(node("Swish", Attribute.of("alpha", 2f))).apply(x).doubles()[0], 1e-15);
    }
}
