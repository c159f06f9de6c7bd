package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantizeLinearTest {
    private static Node node(String op, Attribute... attrs) {
        return new Node("q", "", op, List.of("x", "s", "z"), List.of("y"), new Attributes(List.of(attrs)));
    }

    private static Tensor run(Op op, Tensor... in) {
        return (Tensor) op.forward(in, null)[0];
    }

    @Test
    void roundsHalfToEvenAndSaturates() {
        Tensor x = Tensor.of(new float[] {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 300f, -300f}, 7);
        Tensor zp = Tensor.wrap(DType.INT8, Shape.SCALAR, new byte[] {0});
        Tensor y = run(new QuantizeLinear(node("QuantizeLinear")), x, Tensor.scalar(1f), zp);
        assertArrayEquals(new byte[] {0, 2, 2, 0, -2, 127, -128}, y.bytes());
    }

    @Test
    void defaultsToUint8WithoutZeroPoint() {
        Tensor y = run(new QuantizeLinear(node("QuantizeLinear")), Tensor.of(new float[] {-1f, 3f, 1000f}, 3),
                Tensor.scalar(2f), null);
        assertEquals(DType.UINT8, y.dtype());
        assertArrayEquals(new double[] {0, 2, 255}, y.toDoubleArray());
    }

    @Test
    void blockedWithARemainderBlock() {
        // x: (1, 5), blocks of 2 along axis 1 -> 3 scales, the last covering one element
        Tensor x = Tensor.of(new float[] {2, 4, 9, 12, 20}, 1, 5);
        Tensor s = Tensor.of(new float[] {2, 3, 4}, 1, 3);
        Tensor y = run(new QuantizeLinear(node("QuantizeLinear", Attribute.of("block_size", 2L),
                Attribute.of("output_dtype", (long) DType.INT16.onnxCode()))), x, s, null);
        assertArrayEquals(new short[] {1, 2, 3, 4, 5}, y.shorts());
        Tensor badScale = Tensor.of(new float[] {2, 3}, 1, 2);
        Op op = new QuantizeLinear(node("QuantizeLinear", Attribute.of("block_size", 2L)));
        assertThrows(IllegalArgumentException.class, () -> run(op, x, badScale, null));
    }

    @Test
    void perAxisDequantizeOfInt4() {
        // x: (2, 2) int4 codes for [-8, 7; 1, -1], scales per row (axis 0), zero points [1, -1]
        Tensor x = Tensor.wrap(DType.INT4, Shape.of(2, 2), new byte[] {0x8, 0x7, 0x1, 0xf});
        Tensor s = Tensor.of(new float[] {0.5f, 2f}, 2);
        Tensor z = Tensor.wrap(DType.INT4, Shape.of(2), new byte[] {0x1, 0xf});
        Tensor y = run(new DequantizeLinear(node("DequantizeLinear", Attribute.of("axis", 0L))), x, s, z);
        assertArrayEquals(new float[] {-4.5f, 3f, 4f, 0f}, y.floats());
    }
}
