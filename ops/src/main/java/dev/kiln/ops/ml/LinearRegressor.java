package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.ml LinearRegressor: {@code Y = post_transform(X W^T + b)}, W of shape [targets, C] from
 * {@code coefficients}, b from {@code intercepts} (optional). Y is float32 [N, targets].
 */
public final class LinearRegressor extends TensorOp {
    private final double[] coefficients;
    private final double[] intercepts;
    private final PostTransform post;
    private final int targets;

    public LinearRegressor(Node node) {
        Attributes a = node.attributes();
        coefficients = MlInput.floatList(a.getFloats("coefficients", null));
        intercepts = MlInput.floatList(a.getFloats("intercepts", null));
        post = PostTransform.parse(a.getString("post_transform", "NONE"));
        long t = a.getInt("targets", 1);
        if (t < 1) throw new IllegalArgumentException("attribute 'targets' must be positive, got " + t);
        targets = Math.toIntExact(t);
        if (intercepts.length != 0 && intercepts.length != targets) {
            throw new IllegalArgumentException("attribute 'intercepts' has " + intercepts.length
                    + " values, expected " + targets + " (one per target)");
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (N, C), W: (targets, C) -> y: (N, targets)
        MlInput in = MlInput.of(inputs[0], "LinearRegressor");
        int c = in.cols();
        if (coefficients.length != (long) targets * c) {
            throw new IllegalArgumentException("LinearRegressor: 'coefficients' has " + coefficients.length
                    + " values, expected targets * features = " + targets + " * " + c);
        }
        double[] x = in.data();
        double[] y = new double[in.rows() * targets];
        for (int r = 0; r < in.rows(); r++) {
            for (int j = 0; j < targets; j++) {
                double acc = intercepts.length == 0 ? 0 : intercepts[j];
                for (int f = 0; f < c; f++) acc += x[r * c + f] * coefficients[j * c + f];
                y[r * targets + j] = acc;
            }
            post.apply(y, r * targets, targets);
        }
        return new Tensor[] {Tensor.fromDoubles(DType.FLOAT32, Shape.of(in.rows(), targets), y)};
    }
}
