package dev.kiln.ops.ml;

import static dev.kiln.ops.ml.MlTestNodes.node;
import static dev.kiln.ops.ml.MlTestNodes.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TreeEnsembleClassifierTest {

    // Tree 0: x0 <= 0.5 ? leaf(class 0: 1.0) : leaf(class 1: 0.6, class 2: 0.4)
    // Tree 1: x1 < 2 (NaN goes true) ? leaf(class 2: 1.0) : leaf(class 0: 0.5)
    private static TreeEnsembleClassifier threeClasses(String postTransform) {
        return new TreeEnsembleClassifier(node("TreeEnsembleClassifier", 2,
                Attribute.ofInts("nodes_treeids", 0, 0, 0, 1, 1, 1),
                Attribute.ofInts("nodes_nodeids", 0, 1, 2, 0, 1, 2),
                Attribute.ofInts("nodes_featureids", 0, 0, 0, 1, 0, 0),
                Attribute.ofStrings("nodes_modes", "BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"),
                Attribute.ofFloats("nodes_values", 0.5f, 0, 0, 2, 0, 0),
                Attribute.ofInts("nodes_truenodeids", 1, 0, 0, 1, 0, 0),
                Attribute.ofInts("nodes_falsenodeids", 2, 0, 0, 2, 0, 0),
                Attribute.ofInts("nodes_missing_value_tracks_true", 0, 0, 0, 1, 0, 0),
                Attribute.ofInts("class_treeids", 0, 0, 0, 1, 1),
                Attribute.ofInts("class_nodeids", 1, 2, 2, 1, 2),
                Attribute.ofInts("class_ids", 0, 1, 2, 2, 0),
                Attribute.ofFloats("class_weights", 1, 0.6f, 0.4f, 1, 0.5f),
                Attribute.ofFloats("base_values", 0.1f, 0.2f, 0.3f),
                Attribute.ofInts("classlabels_int64s", 7, 8, 9),
                Attribute.of("post_transform", postTransform)));
    }

    @Test
    void sumsVotesOfAllTreesAndAddsBaseValues() {
        Tensor x = Tensor.of(new float[] {0, 1, 1, 5, 1, Float.NaN}, 3, 2);
        Tensor[] out = run(threeClasses("NONE"), x);
        // row 0: [1, 0, 1] + base; row 1: [0.5, 0.6, 0.4] + base; row 2: [0, 0.6, 1.4] + base
        assertArrayEquals(new long[] {9, 8, 9}, out[0].longs());
        assertEquals(Shape.of(3, 3), out[1].shape());
        assertArrayEquals(new float[] {1.1f, 0.2f, 1.3f, 0.6f, 0.8f, 0.7f, 0.1f, 0.8f, 1.7f}, out[1].floats(), 1e-6f);
    }

    @Test
    void softmaxOfScores() {
        Tensor[] out = run(threeClasses("SOFTMAX"), Tensor.of(new float[] {1, 5}, 1, 2));
        // softmax([0.6, 0.8, 0.7])
        double e0 = Math.exp(0.6), e1 = Math.exp(0.8), e2 = Math.exp(0.7), s = e0 + e1 + e2;
        assertArrayEquals(new float[] {(float) (e0 / s), (float) (e1 / s), (float) (e2 / s)}, out[1].floats(), 1e-6f);
        assertArrayEquals(new long[] {8}, out[0].longs());
    }

    private static TreeEnsembleClassifier binary(String postTransform) {
        // one tree: x0 <= 0 ? 0.2 : 0.9, all for class 1
        return new TreeEnsembleClassifier(node("TreeEnsembleClassifier", 2,
                Attribute.ofInts("nodes_treeids", 0, 0, 0),
                Attribute.ofInts("nodes_nodeids", 0, 1, 2),
                Attribute.ofInts("nodes_featureids", 0, 0, 0),
                Attribute.ofStrings("nodes_modes", "BRANCH_LEQ", "LEAF", "LEAF"),
                Attribute.ofFloats("nodes_values", 0, 0, 0),
                Attribute.ofInts("nodes_truenodeids", 1, 0, 0),
                Attribute.ofInts("nodes_falsenodeids", 2, 0, 0),
                Attribute.ofInts("class_treeids", 0, 0),
                Attribute.ofInts("class_nodeids", 1, 2),
                Attribute.ofInts("class_ids", 1, 1),
                Attribute.ofFloats("class_weights", 0.2f, 0.9f),
                Attribute.ofStrings("classlabels_strings", "no", "yes"),
                Attribute.of("post_transform", postTransform)));
    }

    @Test
    void binaryScoreBecomesTwoColumns() {
        Tensor[] out = run(binary("NONE"), Tensor.of(new float[] {-1, 1}, 2, 1));
        // s = 0.2 -> [0.8, 0.2] "no"; s = 0.9 -> [0.1, 0.9] "yes"
        assertArrayEquals(new String[] {"no", "yes"}, out[0].strings());
        assertArrayEquals(new float[] {0.8f, 0.2f, 0.1f, 0.9f}, out[1].floats(), 1e-6f);
    }

    @Test
    void binaryLogistic() {
        Tensor[] out = run(binary("LOGISTIC"), Tensor.of(new float[] {-1}, 1, 1));
        // s = 0.2 -> [sigmoid(-0.2), sigmoid(0.2)]
        assertArrayEquals(new String[] {"yes"}, out[0].strings());
        assertArrayEquals(new float[] {0.4501660f, 0.5498340f}, out[1].floats(), 1e-6f);
    }

    @Test
    void tooFewFeaturesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> run(threeClasses("NONE"), Tensor.of(new float[] {1}, 1, 1)));
    }

    @Test
    void weightOnInteriorNodeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TreeEnsembleClassifier(node("TreeEnsembleClassifier", 2,
                Attribute.ofInts("nodes_treeids", 0, 0, 0),
                Attribute.ofInts("nodes_nodeids", 0, 1, 2),
                Attribute.ofInts("nodes_featureids", 0, 0, 0),
                Attribute.ofStrings("nodes_modes", "BRANCH_LEQ", "LEAF", "LEAF"),
                Attribute.ofFloats("nodes_values", 0, 0, 0),
                Attribute.ofInts("nodes_truenodeids", 1, 0, 0),
                Attribute.ofInts("nodes_falsenodeids", 2, 0, 0),
                Attribute.ofInts("class_treeids", 0),
                Attribute.ofInts("class_nodeids", 0),
                Attribute.ofInts("class_ids", 0),
                Attribute.ofFloats("class_weights", 1),
                Attribute.ofInts("classlabels_int64s", 0, 1))));
    }
}
