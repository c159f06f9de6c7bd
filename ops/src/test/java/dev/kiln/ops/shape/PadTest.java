package dev.kiln.ops.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PadTest {
    private static Tensor pad(String mode, Tensor x, long[] pads, Tensor value, long[] axes) {
        var node = Run.node("Pad", 4, 1, Attribute.of("mode", mode));
        return Run.one(Pad::new, node, x, Tensor.vector(pads), value, axes == null ? null : Tensor.vector(axes));
    }

    private static final Tensor ABC = Tensor.of(new float[] {1, 2, 3}, 3);

    @Test
    void constantMode() {
        Tensor y = pad("constant", ABC, new long[] {2, 1}, Tensor.of(new float[] {9}), null);
        assertArrayEquals(new float[] {9, 9, 1, 2, 3, 9}, y.floats());
    }

    @Test
    void reflectModeMirrorsWithoutTheEdge() {
        Tensor y = pad("reflect", ABC, new long[] {2, 2}, null, null);
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2, 1}, y.floats());
    }

    @Test
    void edgeModeRepeatsTheEdge() {
        Tensor y = pad("edge", ABC, new long[] {2, 2}, null, null);
        assertArrayEquals(new float[] {1, 1, 1, 2, 3, 3, 3}, y.floats());
    }

    @Test
    void wrapModeWrapsAround() {
        Tensor y = pad("wrap", ABC, new long[] {2, 2}, null, null);
        assertArrayEquals(new float[] {2, 3, 1, 2, 3, 1, 2}, y.floats());
    }

    @Test
    void negativePadsCrop() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        Tensor y = pad("constant", x, new long[] {-1, 1}, null, null);
        assertArrayEquals(new float[] {2, 3, 4, 0}, y.floats());
    }

    @Test
    void reflectOnMatrixWithAxesInput() {
        // x = [[1,2],[3,4]]; pad axis 0 by (1, 0) reflect -> [[3,4],[1,2],[3,4]]
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor y = pad("reflect", x, new long[] {1, 0}, null, new long[] {-2});
        assertEquals(Shape.of(3, 2), y.shape());
        assertArrayEquals(new float[] {3, 4, 1, 2, 3, 4}, y.floats());
    }

    @Test
    void edgeOnBothAxes() {
        // x = [[1,2],[3,4]] padded by 1 everywhere in edge mode
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor y = pad("edge", x, new long[] {1, 1, 1, 1}, null, null);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y.floats());
    }

    @Test
    void stringsPadWithTheConstant() {
        Tensor x = Tensor.of(new String[] {"a", "b"}, 2);
        Tensor y = pad("constant", x, new long[] {1, 0}, Tensor.of(new String[] {"z"}), null);
        assertArrayEquals(new String[] {"z", "a", "b"}, y.strings());
    }

    @Test
    void opset2ReadsPadsAndValueAttributes() {
        var node = Run.node("Pad", 1, 1, Attribute.ofInts("pads", 0, 1), Attribute.of("value", 1.5f));
        Tensor y = Run.one(Pad::v2, node, Tensor.of(new long[] {7, 8}, 2));
        assertArrayEquals(new long[] {7, 8, 1}, y.longs());
    }

    @Test
    void wrongPadCountIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> pad("constant", ABC, new long[] {1, 1, 1}, null, null));
        assertEquals(true, e.getMessage().contains("expected 2"));
    }
}
