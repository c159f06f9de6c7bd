package dev.kiln.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.ops.linalg.Nodes;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PoolTest {
    @Test
    void maxPoolIndicesFollowStorageOrder() {
        Tensor x = Tensor.of(new float[] {1, 4, 3, 2}, 1, 1, 2, 2);
        Attribute k = Attribute.ofInts("kernel_shape", 2, 2);
        Tensor[] row = Nodes.run(new MaxPool(Nodes.node("MaxPool", 1, 2, k)), x);
        assertArrayEquals(new float[] {4}, row[0].floats());
        assertArrayEquals(new long[] {1}, row[1].longs());
        Tensor[] col = Nodes.run(new MaxPool(Nodes.node("MaxPool", 1, 2, k, Attribute.of("storage_order", 1L))), x);
        assertArrayEquals(new long[] {2}, col[1].longs());
    }

    @Test
    void averagePoolCeilWindowCountsOnlyThePaddedExtent() {
        // kernel 3, stride 2, ceil: windows [0, 3) and [2, 5); position 4 lies past the input and pads
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4);
        var node = Nodes.node("AveragePool", 1, 1, Attribute.ofInts("kernel_shape", 3), Attribute.ofInts("strides", 2),
                Attribute.of("ceil_mode", 1L), Attribute.of("count_include_pad", 1L));
        assertArrayEquals(new float[] {2, 3.5f}, Nodes.run(new AveragePool(node), x)[0].floats());
    }

    @Test
    void maxUnpoolScattersIntoTheNaturalShape() {
        Tensor x = Tensor.of(new float[] {5}, 1, 1, 1, 1);
        Tensor i = Tensor.of(new long[] {3}, 1, 1, 1, 1);
        var node = Nodes.node("MaxUnpool", 2, 1, Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2));
        assertArrayEquals(new float[] {0, 0, 0, 5}, Nodes.run(new MaxUnpool(node), x, i)[0].floats());
    }

    @Test
    void badAttributesAndShapesFailWithIllegalArgument() {
        Tensor x = Tensor.of(new float[16], 1, 1, 4, 4);
        var pool3d = Nodes.node("MaxPool", 1, 1, Attribute.ofInts("kernel_shape", 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Nodes.run(new MaxPool(pool3d), x));
        var huge = Nodes.node("AveragePool", 1, 1, Attribute.ofInts("kernel_shape", 9, 9));
        assertThrows(IllegalArgumentException.class, () -> Nodes.run(new AveragePool(huge), x));
        var conv = Nodes.node("Conv", 2, 1);
        Tensor w = Tensor.of(new float[2 * 2 * 9], 2, 2, 3, 3); // expects 2 input channels
        assertThrows(IllegalArgumentException.class, () -> Nodes.run(new Conv(conv), x, w));
        assertThrows(IllegalArgumentException.class,
                () -> Nodes.run(new Conv(Nodes.node("Conv", 2, 1, Attribute.of("auto_pad", "SAME"))), x, w));
    }
}
