package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.ml Normalizer: divides each row of X ([N, C], or [C] as one row) by its MAX (largest
 * value), L1 (sum of absolute values) or L2 (Euclidean) norm; a row whose divisor is 0 is copied
 * unchanged. Y is float32.
 */
public final class Normalizer extends TensorOp {
    private enum Norm { MAX, L1, L2 }

    private final Norm norm;

    public Normalizer(Node node) {
        String s = node.attributes().getString("norm", "MAX");
        try {
            norm = Norm.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute 'norm' must be MAX, L1 or L2, got '" + s + "'");
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (N, C) -> y: (N, C) float32
        Tensor x = inputs[0];
        MlInput in = MlInput.of(x, "Normalizer");
        int c = in.cols();
        double[] v = in.data();
        float[] y = new float[v.length];
        for (int r = 0; r < in.rows(); r++) {
            int off = r * c;
            double d = switch (norm) {
                case MAX -> {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int i = off; i < off + c; i++) m = Math.max(m, v[i]);
                    yield m;
                }
                case L1 -> {
                    double sum = 0;
                    for (int i = off; i < off + c; i++) sum += Math.abs(v[i]);
                    yield sum;
                }
                case L2 -> {
                    double sum = 0;
                    for (int i = off; i < off + c; i++) sum += v[i] * v[i];
                    yield Math.sqrt(sum);
                }
            };
            for (int i = off; i < off + c; i++) y[i] = (float) (d == 0 ? v[i] : v[i] / d);
        }
        Shape shape = x.shape();
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, shape, y)};
    }
}
