package dev.kiln.ops.math;

import static dev.kiln.ops.math.TestNodes.node;
import static dev.kiln.ops.math.TestNodes.run;
import static dev.kiln.ops.math.TestNodes.since;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SelectionOpsTest {
    @Test
    void comparisonsHandleNaNUnsignedAndStrings() {
        Tensor a = Tensor.of(new float[] {1, Float.NaN, 3}, 3);
        Tensor b = Tensor.of(new float[] {2, Float.NaN, 3}, 3);
        assertArrayEquals(new boolean[] {true, false, false}, run(new Less(node("Less"), since(13)), a, b).booleans());
        assertArrayEquals(new boolean[] {true, false, true}, run(new LessOrEqual(node("LessOrEqual")), a, b).booleans());
        assertArrayEquals(new boolean[] {false, false, true}, run(new Equal(node("Equal"), since(19)), a, b).booleans());
        Tensor u = Tensor.fromLongs(DType.UINT32, Shape.of(1), new long[] {0xffffffffL});
        Tensor one = Tensor.fromLongs(DType.UINT32, Shape.of(1), new long[] {1});
        assertArrayEquals(new boolean[] {true}, run(new Greater(node("Greater"), since(13)), u, one).booleans());
        Tensor s = Tensor.of(new String[] {"a", "b"}, 2);
        Tensor t = Tensor.of(new String[] {"b"}, 1);
        assertArrayEquals(new boolean[] {false, true}, run(new Equal(node("Equal"), since(19)), s, t).booleans());
    }

    @Test
    void whereBroadcastsAllThreeInputs() {
        // condition: (2, 1), X: (1, 3), Y: scalar -> (2, 3)
        Tensor c = Tensor.of(new boolean[] {true, false}, 2, 1);
        Tensor x = Tensor.of(new long[] {1, 2, 3}, 1, 3);
        Tensor y = Tensor.of(new long[] {-1});
        Tensor z = run(new Where(node("Where")), c, x, y);
        assertEquals(Shape.of(2, 3), z.shape());
        assertArrayEquals(new long[] {1, 2, 3, -1, -1, -1}, z.longs());
        Tensor xf = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        assertArrayEquals(new float[] {1, 2, 3, 0, 0, 0}, run(new Where(node("Where")), c, xf, Tensor.scalar(0f)).floats());
    }

    @Test
    void clipUsesAttributesBeforeOpset11AndInputsAfter() {
        Tensor x = Tensor.of(new float[] {-2, 0.5f, 3, Float.NaN}, 4);
        Clip old = new Clip(node("Clip", Attribute.of("min", -1f), Attribute.of("max", 1f)), since(6));
        float[] y = run(old, x).floats();
        assertArrayEquals(new float[] {-1, 0.5f, 1}, java.util.Arrays.copyOf(y, 3));
        assertEquals(Float.NaN, y[3]);
        Clip clip = new Clip(node("Clip"), since(13));
        assertArrayEquals(new float[] {0, 0.5f, 3}, java.util.Arrays.copyOf(
                ((Tensor) clip.forward(new Tensor[] {x, Tensor.scalar(0f), null}, null)[0]).floats(), 3));
        // min > max: everything becomes max
        assertArrayEquals(new float[] {1, 1, 1}, java.util.Arrays.copyOf(
                run(clip, x, Tensor.scalar(2f), Tensor.scalar(1f)).floats(), 3));
        Tensor i8 = Tensor.fromLongs(DType.INT8, Shape.of(3), new long[] {-100, 5, 100});
        Tensor hi = Tensor.fromLongs(DType.INT8, Shape.SCALAR, new long[] {10});
        assertArrayEquals(new long[] {-100, 5, 10},
                ((Tensor) clip.forward(new Tensor[] {i8, null, hi}, null)[0]).toLongArray());
    }

    @Test
    void logicAndBitwiseOps() {
        Tensor a = Tensor.of(new boolean[] {true, true, false, false}, 4);
        Tensor b = Tensor.of(new boolean[] {true, false, true, false}, 4);
        assertArrayEquals(new boolean[] {true, false, false, false}, run(new And(node("And"), since(7)), a, b).booleans());
        assertArrayEquals(new boolean[] {true, true, true, false}, run(new Or(node("Or"), since(7)), a, b).booleans());
        assertArrayEquals(new boolean[] {false, true, true, false}, run(new Xor(node("Xor"), since(7)), a, b).booleans());
        assertArrayEquals(new boolean[] {false, false, true, true}, run(new Not(node("Not")), a).booleans());
        Tensor i = Tensor.of(new int[] {0b1100, -1}, 2);
        Tensor j = Tensor.of(new int[] {0b1010}, 1);
        assertArrayEquals(new int[] {0b1000, 0b1010}, run(new BitwiseAnd(node("BitwiseAnd")), i, j).ints());
        assertArrayEquals(new int[] {0b0110, ~0b1010}, run(new BitwiseXor(node("BitwiseXor")), i, j).ints());
        assertArrayEquals(new int[] {~0b1100, 0}, run(new BitwiseNot(node("BitwiseNot")), i).ints());
    }
}
