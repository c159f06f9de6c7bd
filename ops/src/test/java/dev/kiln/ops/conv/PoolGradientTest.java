package dev.kiln.ops.conv;

import static dev.kiln.ops.linalg.GradChecks.all;
import static dev.kiln.ops.linalg.GradChecks.check;
import static dev.kiln.ops.linalg.GradChecks.distinct;
import static dev.kiln.ops.linalg.GradChecks.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.ops.linalg.Nodes;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoolGradientTest {
    private final SplittableRandom rnd = new SplittableRandom(29);

    @Test
    void maxPoolRoutesToTheFirstMaximum() {
        // windows of [1, 3, 3, 2]: [1, 3] → x1, [3, 3] → x1 (the first), [3, 2] → x2
        MaxPool op = new MaxPool(Nodes.node("MaxPool", 1, 1, Attribute.ofInts("kernel_shape", 2)));
        Tensor x = Tensor.of(new float[] {1, 3, 3, 2}, 1, 1, 4);
        Tensor[] g = op.backward(new Tensor[] {x}, null, new Tensor[] {Tensor.of(new float[] {1, 10, 100}, 1, 1, 3)});
        assertArrayEquals(new float[] {0, 11, 100, 0}, g[0].floats());
    }

    @Test
    void averagePoolDividesByTheCountUsedForward() {
        // x (1, 1, 3), kernel 2, pads 1+1: windows [pad, x0], [x0, x1], [x1, x2], [x2, pad]
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 1, 3);
        Tensor dy = Tensor.of(new float[] {1, 1, 1, 1}, 1, 1, 4);
        for (long include = 0; include < 2; include++) {
            AveragePool op = new AveragePool(Nodes.node("AveragePool", 1, 1, Attribute.ofInts("kernel_shape", 2),
                    Attribute.ofInts("pads", 1, 1), Attribute.of("count_include_pad", include)));
            Tensor[] g = op.backward(new Tensor[] {x}, null, new Tensor[] {dy});
            // without the pads the edge windows divide by 1, with them by 2
            float[] expected = include == 0 ? new float[] {1.5f, 1, 1.5f} : new float[] {1, 1, 1};
            assertArrayEquals(expected, g[0].floats(), 1e-6f);
        }
    }

    @Test
    void maxPoolFiniteDifferences() {
        check("MaxPool 2-D strided padded", new MaxPool(Nodes.node("MaxPool", 1, 2, Attribute.ofInts("kernel_shape", 3, 2),
                Attribute.ofInts("strides", 2, 1), Attribute.ofInts("pads", 1, 0, 1, 1))),
                new Tensor[] {distinct(rnd, 2, 3, 7, 5)}, all(1));
        check("MaxPool ceil dilated", new MaxPool(Nodes.node("MaxPool", 1, 1, Attribute.ofInts("kernel_shape", 2, 2),
                Attribute.ofInts("strides", 2, 2), Attribute.ofInts("dilations", 2, 1), Attribute.of("ceil_mode", 1L))),
                new Tensor[] {distinct(rnd, 1, 2, 6, 5)}, all(1));
        check("MaxPool 1-D SAME_UPPER", new MaxPool(Nodes.node("MaxPool", 1, 1, Attribute.ofInts("kernel_shape", 3),
                Attribute.of("auto_pad", "SAME_UPPER"), Attribute.ofInts("strides", 2))),
                new Tensor[] {distinct(rnd, 2, 2, 9)}, all(1));
        check("MaxPool 3-D", new MaxPool(Nodes.node("MaxPool", 1, 1, Attribute.ofInts("kernel_shape", 2, 2, 2))),
                new Tensor[] {distinct(rnd, 1, 2, 3, 3, 4)}, all(1));
    }

    @Test
    void averagePoolFiniteDifferences() {
        for (long include = 0; include < 2; include++) {
            check("AveragePool 2-D count_include_pad=" + include, new AveragePool(Nodes.node("AveragePool", 1, 1,
                    Attribute.ofInts("kernel_shape", 3, 3), Attribute.ofInts("strides", 2, 1),
                    Attribute.ofInts("pads", 1, 2, 1, 0), Attribute.of("count_include_pad", include))),
                    new Tensor[] {rand(rnd, 2, 3, 7, 6)}, all(1));
            check("AveragePool ceil count_include_pad=" + include, new AveragePool(Nodes.node("AveragePool", 1, 1,
                    Attribute.ofInts("kernel_shape", 2), Attribute.ofInts("strides", 2), Attribute.ofInts("pads", 1, 1),
                    Attribute.of("ceil_mode", 1L), Attribute.of("count_include_pad", include))),
                    new Tensor[] {rand(rnd, 2, 2, 8)}, all(1));
        }
        check("AveragePool 3-D", new AveragePool(Nodes.node("AveragePool", 1, 1, Attribute.ofInts("kernel_shape", 2, 1, 2),
                Attribute.ofInts("strides", 1, 1, 2))), new Tensor[] {rand(rnd, 1, 2, 3, 2, 5)}, all(1));
    }

    @Test
    void globalPoolsFiniteDifferences() {
        check("GlobalAveragePool", new GlobalAveragePool(Nodes.node("GlobalAveragePool", 1, 1)),
                new Tensor[] {rand(rnd, 2, 3, 5, 3)}, all(1));
        check("GlobalMaxPool", new GlobalMaxPool(Nodes.node("GlobalMaxPool", 1, 1)),
                new Tensor[] {distinct(rnd, 2, 3, 4, 3)}, all(1));
        check("GlobalMaxPool 1-D", new GlobalMaxPool(Nodes.node("GlobalMaxPool", 1, 1)),
                new Tensor[] {distinct(rnd, 3, 2, 7)}, all(1));
    }
}
