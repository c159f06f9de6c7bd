package dev.kiln.ops.ml;

import static dev.kiln.ops.ml.MlTestNodes.node;
import static dev.kiln.ops.ml.MlTestNodes.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** LinearRegressor and TreeEnsembleRegressor on hand-computed cases. */
class RegressorTest {

    @Test
    void linearRegressorTwoTargets() {
        LinearRegressor op = new LinearRegressor(node("LinearRegressor", 1,
                Attribute.ofFloats("coefficients", 1, 2, -1, 0.5f), Attribute.ofFloats("intercepts", 0.5f, 1),
                Attribute.of("targets", 2L)));
        Tensor y = run(op, Tensor.of(new float[] {1, 1, 2, 0}, 2, 2))[0];
        // row 0: [1 + 2 + 0.5, -1 + 0.5 + 1]; row 1: [2 + 0.5, -2 + 1]
        assertArrayEquals(new float[] {3.5f, 0.5f, 2.5f, -1}, y.floats(), 1e-6f);
    }

    // Two stumps on x0: tree 0 gives 1 (x0 <= 0) or 3, tree 1 gives 10 (x0 > 2) or 20
    private static TreeEnsembleRegressor stumps(String aggregate) {
        return new TreeEnsembleRegressor(node("TreeEnsembleRegressor", 1,
                Attribute.ofInts("nodes_treeids", 0, 0, 0, 1, 1, 1),
                Attribute.ofInts("nodes_nodeids", 0, 1, 2, 0, 1, 2),
                Attribute.ofInts("nodes_featureids", 0, 0, 0, 0, 0, 0),
                Attribute.ofStrings("nodes_modes", "BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_GT", "LEAF", "LEAF"),
                Attribute.ofFloats("nodes_values", 0, 0, 0, 2, 0, 0),
                Attribute.ofInts("nodes_truenodeids", 1, 0, 0, 1, 0, 0),
                Attribute.ofInts("nodes_falsenodeids", 2, 0, 0, 2, 0, 0),
                Attribute.ofInts("target_treeids", 0, 0, 1, 1),
                Attribute.ofInts("target_nodeids", 1, 2, 1, 2),
                Attribute.ofInts("target_ids", 0, 0, 0, 0),
                Attribute.ofFloats("target_weights", 1, 3, 10, 20),
                Attribute.ofFloats("base_values", 100),
                Attribute.of("n_targets", 1L),
                Attribute.of("aggregate_function", aggregate)));
    }

    @Test
    void treeRegressorAggregates() {
        Tensor x = Tensor.of(new float[] {-1, 5}, 2, 1);
        // x = -1: leaves 1 and 20; x = 5: leaves 3 and 10; then + 100
        assertArrayEquals(new float[] {121, 113}, run(stumps("SUM"), x)[0].floats(), 1e-5f);
        assertArrayEquals(new float[] {110.5f, 106.5f}, run(stumps("AVERAGE"), x)[0].floats(), 1e-5f);
        assertArrayEquals(new float[] {101, 103}, run(stumps("MIN"), x)[0].floats(), 1e-5f);
        assertArrayEquals(new float[] {120, 110}, run(stumps("MAX"), x)[0].floats(), 1e-5f);
    }
}
