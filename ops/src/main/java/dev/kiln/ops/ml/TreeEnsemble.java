package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.ml TreeEnsemble (opset 5): {@code Y[n, t]} aggregates the weights of the leaves each
 * tree reaches for row n that target t, then applies {@code post_transform}.
 *
 * <p>With MIN or MAX aggregation a target that no reached leaf contributes to scores 0, as in
 * ONNX Runtime.
 */
public final class TreeEnsemble extends TensorOp {
    private final Forest forest;
    private final Forest.Aggregate aggregate;
    private final PostTransform post;

    public TreeEnsemble(Node node) {
        Attributes a = node.attributes();
        forest = Forest.fromTreeEnsemble(a);
        aggregate = Forest.Aggregate.fromCode(a.getInt("aggregate_function", 1));
        post = PostTransform.fromCode(a.getInt("post_transform", 0));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (N, F) -> y: (N, targets)
        Tensor x = inputs[0];
        MlInput in = MlInput.of(x, "TreeEnsemble");
        int t = forest.targets();
        double[] scores = forest.predict(in, aggregate, "TreeEnsemble");
        for (int r = 0; r < in.rows(); r++) post.apply(scores, r * t, t);
        DType out = x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32;
        return new Tensor[] {Tensor.fromDoubles(out, Shape.of(in.rows(), t), scores)};
    }
}
