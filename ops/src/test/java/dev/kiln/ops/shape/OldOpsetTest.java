package dev.kiln.ops.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The attribute forms of ops whose inputs moved in later opsets. */
class OldOpsetTest {
    @Test
    void squeezeOpset1WithoutAxesDropsEveryUnitAxis() {
        Tensor y = Run.one(Squeeze::v1, Run.node("Squeeze", 1, 1), Tensor.of(new float[3], 1, 3, 1));
        assertEquals(Shape.of(3), y.shape());
    }

    @Test
    void unsqueezeOpset1ReadsAxes() {
        var node = Run.node("Unsqueeze", 1, 1, Attribute.ofInts("axes", 0, 3));
        Tensor y = Run.one(Unsqueeze::v1, node, Tensor.of(new float[6], 2, 3));
        assertEquals(Shape.of(1, 2, 3, 1), y.shape());
    }

    @Test
    void concatOpset1DefaultsToAxis1() {
        Tensor a = Tensor.of(new long[] {1, 2}, 2, 1);
        Tensor b = Tensor.of(new long[] {3, 4}, 2, 1);
        Tensor y = Run.one(Concat::v1, Run.node("Concat", 2, 1), a, b);
        assertArrayEquals(new long[] {1, 3, 2, 4}, y.longs());
    }

    @Test
    void tileOpset1RepeatsOneAxis() {
        Tensor y = Run.one(Tile::v1, Run.node("Tile", 3, 1), Tensor.of(new float[] {1, 2}, 2),
                Tensor.scalar(3L), Tensor.scalar(0L));
        assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2}, y.floats());
    }

    @Test
    void splitOpset1AcceptsAFloatSplitInput() {
        Tensor[] y = Run.all(Split::v1, Run.node("Split", 2, 2), Tensor.of(new float[] {1, 2, 3}, 3),
                Tensor.of(new float[] {1, 2}, 2));
        assertArrayEquals(new float[] {1}, y[0].floats());
        assertArrayEquals(new float[] {2, 3}, y[1].floats());
    }

    @Test
    void splitOpset2ReadsTheAttribute() {
        var node = Run.node("Split", 1, 2, Attribute.ofInts("split", 2, 1), Attribute.of("axis", -1L));
        Tensor[] y = Run.all(Split::v2, node, Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new float[] {1, 2, 4, 5}, y[0].floats());
        assertArrayEquals(new float[] {3, 6}, y[1].floats());
    }

    @Test
    void dropoutOpset7IsIdentityWithAMaskOfTheDataType() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        Tensor[] y = Run.all(Dropout::v7, Run.node("Dropout", 1, 2), x);
        assertSame(x, y[0]);
        assertEquals(DType.FLOAT64, y[1].dtype());
        assertArrayEquals(new double[] {1, 1}, y[1].doubles());
    }

    @Test
    void dropoutOpset1InTestModeIsIdentity() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        var node = Run.node("Dropout", 1, 1, Attribute.of("is_test", 1L));
        assertSame(x, Run.one(Dropout::v1, node, x));
    }
}
