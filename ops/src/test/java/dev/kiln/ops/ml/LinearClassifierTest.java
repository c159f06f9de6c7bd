package dev.kiln.ops.ml;

import static dev.kiln.ops.ml.MlTestNodes.node;
import static dev.kiln.ops.ml.MlTestNodes.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LinearClassifierTest {

    @Test
    void multiclassScoresAndTopLabel() {
        // W = [[1, 0], [0, 1], [-1, -1]], b = [0, 0.5, 1]
        LinearClassifier op = new LinearClassifier(node("LinearClassifier", 2,
                Attribute.ofFloats("coefficients", 1, 0, 0, 1, -1, -1),
                Attribute.ofFloats("intercepts", 0, 0.5f, 1),
                Attribute.ofInts("classlabels_ints", 10, 20, 30)));
        Tensor[] out = run(op, Tensor.of(new float[] {2, 1, 0, 3}, 2, 2));
        // row 0: [2, 1.5, -2] -> 10; row 1: [0, 3.5, -2] -> 20
        assertArrayEquals(new long[] {10, 20}, out[0].longs());
        assertEquals(Shape.of(2, 3), out[1].shape());
        assertArrayEquals(new float[] {2, 1.5f, -2, 0, 3.5f, -2}, out[1].floats(), 1e-6f);
    }

    @Test
    void softmaxWithStringLabels() {
        LinearClassifier op = new LinearClassifier(node("LinearClassifier", 2,
                Attribute.ofFloats("coefficients", 1, 0, 0, 0),
                Attribute.ofFloats("intercepts", 0, 0),
                Attribute.ofStrings("classlabels_strings", "a", "b"),
                Attribute.of("post_transform", "SOFTMAX")));
        Tensor[] out = run(op, Tensor.of(new double[] {1, 0}, 1, 2));
        // scores [1, 0] -> [e / (e + 1), 1 / (e + 1)]
        assertArrayEquals(new String[] {"a"}, out[0].strings());
        assertArrayEquals(new float[] {0.7310586f, 0.2689414f}, out[1].floats(), 1e-6f);
    }

    @Test
    void binaryFromOneCoefficientRowWithLogistic() {
        LinearClassifier op = new LinearClassifier(node("LinearClassifier", 2,
                Attribute.ofFloats("coefficients", 2, -1),
                Attribute.ofFloats("intercepts", 0.5f),
                Attribute.ofInts("classlabels_ints", 0, 1),
                Attribute.of("post_transform", "LOGISTIC")));
        Tensor[] out = run(op, Tensor.of(new float[] {1, 1, 0, 1}, 2, 2));
        // s = 1.5 -> [sigmoid(-1.5), sigmoid(1.5)], label 1; s = -0.5 -> label 0
        assertArrayEquals(new long[] {1, 0}, out[0].longs());
        assertEquals(DType.FLOAT32, out[1].dtype());
        assertArrayEquals(new float[] {0.1824255f, 0.8175745f, 0.6224593f, 0.3775407f}, out[1].floats(), 1e-6f);
    }

    @Test
    void coefficientCountMustMatchFeatures() {
        LinearClassifier op = new LinearClassifier(node("LinearClassifier", 2,
                Attribute.ofFloats("coefficients", 1, 2, 3),
                Attribute.ofInts("classlabels_ints", 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> run(op, Tensor.of(new float[] {1, 2}, 1, 2)));
    }
}
