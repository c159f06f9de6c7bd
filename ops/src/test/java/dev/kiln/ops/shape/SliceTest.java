package dev.kiln.ops.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SliceTest {
    private static final float[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static Tensor slice(Tensor x, long[] starts, long[] ends, long[] axes, long[] steps) {
        return Run.one(Slice::new, Run.node("Slice", 5, 1), x, Tensor.vector(starts), Tensor.vector(ends),
                axes == null ? null : Tensor.vector(axes), steps == null ? null : Tensor.vector(steps));
    }

    @Test
    void negativeStepWalksBackwards() {
        Tensor y = slice(Tensor.of(TEN, 10), new long[] {8}, new long[] {1}, null, new long[] {-3});
        assertArrayEquals(new float[] {8, 5, 2}, y.floats());
    }

    @Test
    void negativeStepWithClampedBoundsReversesEverything() {
        // start 100 clamps to 9, end -100 clamps to -1 (before the first element)
        Tensor y = slice(Tensor.of(TEN, 10), new long[] {100}, new long[] {-100}, new long[] {0}, new long[] {-1});
        assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, y.floats());
    }

    @Test
    void negativeStepOnInnerAxisOfMatrix() {
        // x = [[0,1,2,3,4],[5,6,7,8,9]]; x[:, -1:0:-2] = [[4,2],[9,7]]
        Tensor y = slice(Tensor.of(TEN, 2, 5), new long[] {-1}, new long[] {0}, new long[] {-1}, new long[] {-2});
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new float[] {4, 2, 9, 7}, y.floats());
    }

    @Test
    void startPastTheEndGivesEmpty() {
        Tensor y = slice(Tensor.of(TEN, 2, 5), new long[] {7}, new long[] {9}, new long[] {1}, null);
        assertEquals(Shape.of(2, 0), y.shape());
    }

    @Test
    void worksOnStrings() {
        Tensor x = Tensor.of(new String[] {"a", "b", "c", "d"}, 4);
        Tensor y = slice(x, new long[] {3}, new long[] {0}, null, new long[] {-2});
        assertArrayEquals(new String[] {"d", "b"}, y.strings());
    }

    @Test
    void opset1ReadsAttributes() {
        var node = Run.node("Slice", 1, 1, Attribute.ofInts("starts", 1, 0), Attribute.ofInts("ends", 2, -2),
                Attribute.ofInts("axes", 0, 1));
        Tensor y = Run.one(Slice::v1, node, Tensor.of(TEN, 2, 5));
        assertArrayEquals(new float[] {5, 6, 7}, y.floats());
    }
}
