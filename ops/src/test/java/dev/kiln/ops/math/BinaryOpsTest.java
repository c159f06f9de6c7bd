package dev.kiln.ops.math;

import static dev.kiln.ops.math.TestNodes.node;
import static dev.kiln.ops.math.TestNodes.run;
import static dev.kiln.ops.math.TestNodes.since;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Float16;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BinaryOpsTest {
    private static Add add() { return new Add(node("Add"), since(14)); }

    @Test
    void addBroadcastsARowOverRows() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {10, 20, 30}, 3);
        Tensor y = run(add(), a, b);
        assertEquals(Shape.of(2, 3), y.shape());
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, y.floats());
    }

    @Test
    void subBroadcastsBothWays() {
        // a: (3, 1), b: (1, 2) -> (3, 2)
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor b = Tensor.of(new float[] {10, 20}, 1, 2);
        Tensor y = run(new Sub(node("Sub"), since(14)), a, b);
        assertEquals(Shape.of(3, 2), y.shape());
        assertArrayEquals(new float[] {-9, -19, -8, -18, -7, -17}, y.floats());
    }

    @Test
    void mulByScalarAndChannelVector() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2);
        Tensor c = Tensor.of(new float[] {2, -1}, 1, 2, 1, 1);
        Mul mul = new Mul(node("Mul"), since(14));
        assertArrayEquals(new float[] {2, 4, 6, 8, -5, -6, -7, -8}, run(mul, x, c).floats());
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4},
                run(mul, x, Tensor.scalar(0.5f)).floats());
    }

    @Test
    void longRunsCrossChunkBoundaries() {
        // a: (2, 5000), b: (2, 1) -> b repeats along runs longer than one chunk
        int n = 5000;
        float[] av = new float[2 * n];
        for (int i = 0; i < av.length; i++) av[i] = i;
        Tensor a = Tensor.of(av, 2, n);
        float[] y = run(new Sub(node("Sub"), since(14)), a, Tensor.of(new float[] {1, 2}, 2, 1)).floats();
        for (int i = 0; i < av.length; i++) assertEquals(i - (i < n ? 1 : 2), y[i], "element " + i);
        // scalar on the left: 10 - a
        float[] z = run(new Sub(node("Sub"), since(14)), Tensor.scalar(10f), a).floats();
        for (int i = 0; i < av.length; i++) assertEquals(10 - i, z[i], "element " + i);
        // same shapes: a + a
        float[] w = run(add(), a, a).floats();
        for (int i = 0; i < av.length; i++) assertEquals(2 * i, w[i], "element " + i);
    }

    @Test
    void incompatibleShapesFailClearly() {
        Tensor a = Tensor.of(new float[6], 2, 3);
        Tensor b = Tensor.of(new float[2], 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(add(), a, b));
        assertTrue(e.getMessage().contains("cannot be broadcast"), e.getMessage());
    }

    @Test
    void legacyBroadcastAlignsBAtAxis() {
        // A: (2, 3, 2), B: (3) at axis 1 -> B read as (1, 3, 1)
        Add legacy = new Add(node("Add", Attribute.of("broadcast", 1L), Attribute.of("axis", 1L)), since(6));
        Tensor a = Tensor.of(new float[12], 2, 3, 2);
        Tensor b = Tensor.of(new float[] {1, 2, 3}, 3);
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}, run(legacy, a, b).floats());
    }

    @Test
    void legacyBroadcastDefaultsToSuffixMatching() {
        // A: (2, 3), B: (3) with no axis -> suffix
        Mul legacy = new Mul(node("Mul", Attribute.of("broadcast", 1L)), since(1));
        Tensor a = Tensor.of(new float[] {1, 1, 1, 2, 2, 2}, 2, 3);
        Tensor b = Tensor.of(new float[] {1, 2, 3}, 3);
        assertArrayEquals(new float[] {1, 2, 3, 2, 4, 6}, run(legacy, a, b).floats());
    }

    @Test
    void legacyWithoutBroadcastNeedsEqualShapes() {
        Add legacy = new Add(node("Add"), since(6));
        Tensor a = Tensor.of(new float[6], 2, 3);
        Tensor b = Tensor.of(new float[3], 3);
        assertThrows(IllegalArgumentException.class, () -> run(legacy, a, b));
        // Since opset 7 the same inputs broadcast.
        assertEquals(Shape.of(2, 3), run(add(), a, b).shape());
    }

    @Test
    void legacyBroadcastRejectsMisplacedB() {
        Add legacy = new Add(node("Add", Attribute.of("broadcast", 1L), Attribute.of("axis", 0L)), since(6));
        Tensor a = Tensor.of(new float[6], 2, 3);
        Tensor b = Tensor.of(new float[3], 3);
        assertThrows(IllegalArgumentException.class, () -> run(legacy, a, b));
    }

    @Test
    void integerDivTruncatesTowardZero() {
        Div div = new Div(node("Div"), since(14));
        Tensor a = Tensor.of(new int[] {7, -7, 7, -7}, 4);
        Tensor b = Tensor.of(new int[] {2, 2, -2, -2}, 4);
        assertArrayEquals(new int[] {3, -3, -3, 3}, run(div, a, b).ints());
        assertThrows(IllegalArgumentException.class,
                () -> run(div, Tensor.of(new int[] {1}, 1), Tensor.of(new int[] {0}, 1)));
    }

    @Test
    void unsignedDivAndMaxReadUnsigned() {
        // uint8 200 is stored as the byte -56
        Tensor a = Tensor.fromLongs(DType.UINT8, Shape.of(2), new long[] {200, 10});
        Tensor b = Tensor.fromLongs(DType.UINT8, Shape.of(2), new long[] {3, 100});
        assertArrayEquals(new long[] {66, 0}, run(new Div(node("Div"), since(14)), a, b).toLongArray());
        assertArrayEquals(new long[] {200, 100}, run(new Max(node("Max")), a, b).toLongArray());
    }

    @Test
    void integerOverflowWraps() {
        Tensor a = Tensor.fromLongs(DType.INT8, Shape.of(2), new long[] {127, -128});
        Tensor b = Tensor.fromLongs(DType.INT8, Shape.of(2), new long[] {1, -1});
        assertArrayEquals(new long[] {-128, 127}, run(add(), a, b).toLongArray());
        Tensor big = Tensor.of(new long[] {Long.MAX_VALUE}, 1);
        assertArrayEquals(new long[] {Long.MIN_VALUE}, run(add(), big, Tensor.of(new long[] {1}, 1)).longs());
    }

    @Test
    void modFollowsPythonSignUnlessFmod() {
        Tensor a = Tensor.of(new long[] {-7, 7, -7, 7}, 4);
        Tensor b = Tensor.of(new long[] {3, -3, -3, 3}, 4);
        assertArrayEquals(new long[] {2, -2, -1, 1}, run(new Mod(node("Mod")), a, b).longs());
        Mod fmod = new Mod(node("Mod", Attribute.of("fmod", 1L)));
        assertArrayEquals(new long[] {-1, 1, -1, 1}, run(fmod, a, b).longs());
        Tensor fa = Tensor.of(new float[] {-7.5f, 7.5f}, 2);
        Tensor fb = Tensor.of(new float[] {2, -2}, 2);
        assertArrayEquals(new float[] {-1.5f, 1.5f}, run(fmod, fa, fb).floats());
    }

    @Test
    void float16AddRoundsToNearestEven() {
        // 2048 + 1 is not representable in float16 (spacing 2 above 2048): ties go to even, 2048
        short[] a = {Float16.fromFloat(2048), Float16.fromFloat(1.5f)};
        short[] b = {Float16.fromFloat(1), Float16.fromFloat(0.25f)};
        Tensor y = run(add(), Tensor.wrap(DType.FLOAT16, Shape.of(2), a), Tensor.wrap(DType.FLOAT16, Shape.of(2), b));
        assertEquals(DType.FLOAT16, y.dtype());
        assertEquals(2048f, Float16.toFloat(y.shorts()[0]));
        assertEquals(1.75f, Float16.toFloat(y.shorts()[1]));
    }

    @Test
    void powMixedTypesKeepsBaseType() {
        Pow pow = new Pow(node("Pow"), since(15));
        Tensor x = Tensor.of(new int[] {2, 3, -2}, 3);
        Tensor e = Tensor.of(new float[] {3, 0.5f, 2}, 3);
        Tensor y = run(pow, x, e);
        assertEquals(DType.INT32, y.dtype());
        assertArrayEquals(new int[] {8, 1, 4}, y.ints());
        Tensor il = Tensor.of(new long[] {3, 2}, 2);
        assertArrayEquals(new long[] {81, 1L << 62}, run(pow, il, Tensor.of(new long[] {4, 62}, 2)).longs());
    }

    @Test
    void variadicOpsFoldWithBroadcasting() {
        Tensor a = Tensor.of(new float[] {1, 5}, 2);
        Tensor b = Tensor.of(new float[] {3}, 1);
        Tensor c = Tensor.of(new float[] {2, 2, 8, 0}, 2, 2);
        Tensor[] in = {a, b, c};
        assertArrayEquals(new float[] {6, 10, 12, 8}, ((Tensor) new Sum(node("Sum")).forward(in, null)[0]).floats());
        assertArrayEquals(new float[] {2, 10f / 3, 4, 8f / 3}, ((Tensor) new Mean(node("Mean")).forward(in, null)[0]).floats(), 1e-6f);
        assertArrayEquals(new float[] {3, 5, 8, 5}, ((Tensor) new Max(node("Max")).forward(in, null)[0]).floats());
        assertArrayEquals(new float[] {1, 2, 1, 0}, ((Tensor) new Min(node("Min")).forward(in, null)[0]).floats());
    }

    @Test
    void maxPropagatesNaN() {
        Tensor y = run(new Max(node("Max")), Tensor.of(new float[] {Float.NaN, 1}, 2), Tensor.of(new float[] {1, Float.NaN}, 2));
        assertTrue(Float.isNaN(y.floats()[0]) && Float.isNaN(y.floats()[1]));
    }

    @Test
    void bitShiftDropsBitsOutOfTheType() {
        BitShift left = new BitShift(node("BitShift", Attribute.of("direction", "LEFT")));
        Tensor x = Tensor.fromLongs(DType.UINT8, Shape.of(3), new long[] {1, 0x81, 0xff});
        Tensor s = Tensor.fromLongs(DType.UINT8, Shape.of(1), new long[] {1});
        assertArrayEquals(new long[] {2, 2, 0xfe}, run(left, x, s).toLongArray());
        BitShift right = new BitShift(node("BitShift", Attribute.of("direction", "RIGHT")));
        assertArrayEquals(new long[] {0, 0x40, 0x7f}, run(right, x, s).toLongArray());
        assertThrows(IllegalArgumentException.class, () -> run(left, Tensor.of(new int[] {1}, 1), Tensor.of(new int[] {1}, 1)));
    }

    @Test
    void preluBroadcastsSlopeOverChannels() {
        Tensor x = Tensor.of(new float[] {-1, 2, -3, 4}, 2, 2);
        Tensor slope = Tensor.of(new float[] {0.5f, 0.1f}, 2);
        assertArrayEquals(new float[] {-0.5f, 2, -1.5f, 4}, run(new PRelu(node("PRelu")), x, slope).floats());
        Tensor wide = Tensor.of(new float[8], 2, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> run(new PRelu(node("PRelu")), x, wide));
    }

    @Test
    void mismatchedElementTypesFail() {
        assertThrows(IllegalArgumentException.class,
                () -> run(add(), Tensor.of(new float[] {1}, 1), Tensor.of(new double[] {1}, 1)));
    }
}
