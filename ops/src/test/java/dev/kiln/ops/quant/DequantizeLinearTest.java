package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DequantizeLinearTest {
    private static final DequantizeLinear OP = new DequantizeLinear(new Node("dq", "", "DequantizeLinear",
            List.of("x", "s", "z"), List.of("y"), new Attributes(List.of(Attribute.of("axis", 1L)))));

    private static float[] run(Tensor x, Tensor s, Tensor z) {
        return ((Tensor) OP.forward(new Tensor[] {x, s, z}, null)[0]).floats();
    }

    @Test
    void perTensorFastPathMatchesThePerAxisPathBitForBit() {
        // the same scale and zero point given once (fast path) or repeated per column (general path)
        Random rnd = new Random(4);
        int rows = 37, cols = 11;
        for (DType t : new DType[] {DType.UINT8, DType.INT8}) {
            for (float s : new float[] {0.0123f, 1f / 3, 7.77e-5f, 123.456f, 1e30f, -0.5f}) {
                byte[] v = new byte[rows * cols];
                rnd.nextBytes(v);
                Tensor x = Tensor.wrap(t, Shape.of(rows, cols), v);
                byte z = (byte) rnd.nextInt(256);
                float[] scales = new float[cols];
                Arrays.fill(scales, s);
                byte[] zs = new byte[cols];
                Arrays.fill(zs, z);
                float[] want = run(x, Tensor.of(scales, cols), Tensor.wrap(t, Shape.of(cols), zs));
                assertArrayEquals(want, run(x, Tensor.scalar(s), Tensor.wrap(t, Shape.SCALAR, new byte[] {z})), 0f);
            }
        }
    }

    @Test
    void handComputed() {
        // uint8 (200 - 128) * 0.5 = 36, (0 - 128) * 0.5 = -64; int8 (-3 - 1) * 0.25 = -1
        Tensor u = Tensor.wrap(DType.UINT8, Shape.of(2), new byte[] {(byte) 200, 0});
        assertArrayEquals(new float[] {36f, -64f},
                run(u, Tensor.scalar(0.5f), Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {(byte) 128})), 0f);
        Tensor i = Tensor.wrap(DType.INT8, Shape.of(1), new byte[] {-3});
        assertArrayEquals(new float[] {-1f}, run(i, Tensor.scalar(0.25f), Tensor.wrap(DType.INT8, Shape.SCALAR, new byte[] {1})), 0f);
        assertArrayEquals(new float[] {-0.75f}, run(i, Tensor.scalar(0.25f), null), 0f);
    }
}
