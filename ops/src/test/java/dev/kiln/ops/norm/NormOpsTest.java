package dev.kiln.ops.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ops.linalg.Nodes;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormOpsTest {
    @Test
    void softmaxCoercesTo2dBeforeOpset13() {
        Tensor x = Tensor.of(new float[] {0, (float) Math.log(3), 0, 0}, 1, 2, 2);
        var node = Nodes.node("Softmax", 1, 1);
        // opset 13: along the last axis
        Tensor y13 = Nodes.run(Nodes.create(Softmax::new, node, 13, 13), x)[0];
        assertArrayEquals(new float[] {0.25f, 0.75f, 0.5f, 0.5f}, y13.floats(), 1e-6f);
        // opset 11: axis 1 → one row of 4: exp = 1, 3, 1, 1
        Tensor y11 = Nodes.run(Nodes.create(Softmax::new, node, 11, 1), x)[0];
        assertArrayEquals(new float[] {1 / 6f, 0.5f, 1 / 6f, 1 / 6f}, y11.floats(), 1e-6f);
        Tensor l13 = Nodes.run(Nodes.create(LogSoftmax::new, node, 13, 13), x)[0];
        assertEquals(Math.log(0.75), l13.floats()[1], 1e-6);
    }

    @Test
    void hardmaxMarksTheFirstMaximum() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 2}, 1, 4);
        Tensor y = Nodes.run(Nodes.create(Hardmax::new, Nodes.node("Hardmax", 1, 1), 13, 13), x)[0];
        assertArrayEquals(new float[] {0, 1, 0, 0}, y.floats());
    }

    @Test
    void groupNormalizationAffineIsPerGroupAtOpset18AndPerChannelAt21() {
        // X (1, 2, 1) = [1, 3], one group: mean 2, variance 1 → normalized [-1, 1]
        Tensor x = Tensor.of(new float[] {1, 3}, 1, 2, 1);
        var node = Nodes.node("GroupNormalization", 3, 1, Attribute.of("num_groups", 1L), Attribute.of("epsilon", 0f));
        Tensor y21 = Nodes.run(Nodes.create(GroupNormalization::new, node, 21, 21), x,
                Tensor.of(new float[] {2, 3}, 2), Tensor.of(new float[] {0, 1}, 2))[0];
        assertArrayEquals(new float[] {-2, 4}, y21.floats(), 1e-6f);
        Tensor y18 = Nodes.run(Nodes.create(GroupNormalization::new, node, 18, 18), x,
                Tensor.of(new float[] {2}, 1), Tensor.of(new float[] {1}, 1))[0];
        assertArrayEquals(new float[] {-1, 3}, y18.floats(), 1e-6f);
    }

    @Test
    void batchNormalizationTrainingUsesBatchStatisticsAndUpdatesRunningOnes() {
        Tensor x = Tensor.of(new float[] {1, 3}, 2, 1);
        Tensor one = Tensor.of(new float[] {1}, 1), zero = Tensor.of(new float[] {0}, 1);
        var node = Nodes.node("BatchNormalization", 5, 3, Attribute.of("training_mode", 1L), Attribute.of("epsilon", 0f));
        Tensor[] out = Nodes.run(Nodes.create(BatchNormalization::new, node, 15, 14), x, one, zero, zero, one);
        assertArrayEquals(new float[] {-1, 1}, out[0].floats(), 1e-6f);
        assertArrayEquals(new float[] {0.2f}, out[1].floats(), 1e-6f); // 0 * 0.9 + 2 * 0.1
        assertArrayEquals(new float[] {1f}, out[2].floats(), 1e-6f);   // 1 * 0.9 + 1 * 0.1
        // inference uses the given statistics: (x - 0) / 1 * 1 + 0
        var inf = Nodes.node("BatchNormalization", 5, 1, Attribute.of("epsilon", 0f));
        Tensor y = Nodes.run(Nodes.create(BatchNormalization::new, inf, 15, 14), x, one, zero, zero, one)[0];
        assertArrayEquals(new float[] {1, 3}, y.floats(), 1e-6f);
    }

    @Test
    void layerNormalizationReturnsFloat32StatisticsWithKeptAxes() {
        Tensor x = Tensor.of(new double[] {1, 3, 0, 4}, 2, 2);
        var node = Nodes.node("LayerNormalization", 3, 3, Attribute.of("epsilon", 0f));
        Tensor[] out = Nodes.run(new LayerNormalization(node), x, Tensor.of(new double[] {1, 2}, 2),
                Tensor.of(new double[] {0, 1}, 2));
        assertArrayEquals(new double[] {-1, 3, -1, 3}, out[0].doubles(), 1e-12);
        assertEquals(DType.FLOAT32, out[1].dtype());
        assertEquals(Shape.of(2, 1), out[1].shape());
        assertArrayEquals(new float[] {2, 2}, out[1].floats());
        assertArrayEquals(new float[] {1, 0.5f}, out[2].floats());
    }

    @Test
    void lrnSumsSquaresOverNeighbouringChannels() {
        // size 2: window [c, c + 1]; alpha 2, beta 1, bias 1 → y = x / (1 + sum(x^2))
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
        var node = Nodes.node("LRN", 1, 1, Attribute.of("size", 2L), Attribute.of("alpha", 2f),
                Attribute.of("beta", 1f), Attribute.of("bias", 1f));
        Tensor y = Nodes.run(new LRN(node), x)[0];
        assertArrayEquals(new float[] {1 / 6f, 2 / 5f}, y.floats(), 1e-6f);
    }
}
