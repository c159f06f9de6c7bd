package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.ml TreeEnsembleRegressor (opsets 1 and 3): {@code Y[n, t]} aggregates the
 * {@code target_weights} of the leaves each tree reaches for row n, adds {@code base_values[t]}
 * and applies {@code post_transform}. Y is float32.
 *
 * <p>With MIN or MAX aggregation a target that no reached leaf contributes to scores 0 before the
 * base value is added, as in ONNX Runtime.
 */
public final class TreeEnsembleRegressor extends TensorOp {
    private final Forest forest;
    private final Forest.Aggregate aggregate;
    private final PostTransform post;
    private final double[] base;

    public TreeEnsembleRegressor(Node node) {
        Attributes a = node.attributes();
        long[] ids = a.getInts("target_ids", new long[0]);
        long maxId = -1;
        for (long id : ids) maxId = Math.max(maxId, id);
        long targets = a.getInt("n_targets", Math.max(1, maxId + 1));
        if (targets < 1) throw new IllegalArgumentException("attribute 'n_targets' must be positive, got " + targets);
        forest = Forest.fromLegacy(a, "target", Math.toIntExact(targets));
        aggregate = Forest.Aggregate.parse(a.getString("aggregate_function", "SUM"));
        post = PostTransform.parse(a.getString("post_transform", "NONE"));
        base = baseValues(a, forest.targets());
    }

    /** base_values(_as_tensor): empty, or one value per target (or class). */
    static double[] baseValues(Attributes a, int targets) {
        Tensor t = a.getTensor("base_values_as_tensor");
        double[] b = t != null ? t.toDoubleArray() : MlInput.floatList(a.getFloats("base_values", null));
        if (b.length != 0 && b.length != targets) {
            throw new IllegalArgumentException("attribute 'base_values' has " + b.length + " entries, expected "
                    + targets);
        }
        return b;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (N, F) -> y: (N, targets)
        MlInput in = MlInput.of(inputs[0], "TreeEnsembleRegressor");
        int t = forest.targets();
        double[] scores = forest.predict(in, aggregate, "TreeEnsembleRegressor");
        for (int r = 0; r < in.rows(); r++) {
            for (int j = 0; j < base.length; j++) scores[r * t + j] += base[j];
            post.apply(scores, r * t, t);
        }
        return new Tensor[] {Tensor.fromDoubles(DType.FLOAT32, Shape.of(in.rows(), t), scores)};
    }
}
