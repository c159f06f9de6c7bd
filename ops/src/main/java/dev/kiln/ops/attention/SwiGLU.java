package dev.kiln.ops.attention;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/** SwiGLU (opset 28): {@code Y = A * sigmoid(alpha * A) * B}, elementwise, A and B of one shape. */
public final class SwiGLU extends TensorOp {
    private final double alpha;

    public SwiGLU(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 1.0f);
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor a = in[0], b = in[1];
        Heads.requireFloat(a, "A");
        if (a.dtype() != b.dtype() || !a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("inputs A and B must have the same type and shape, got "
                    + a.describe() + " and " + b.describe());
        }
        int n = a.size();
        if (a.dtype() == DType.FLOAT32) {
            float[] x = a.floats(), v = b.floats(), y = new float[n];
            for (int i = 0; i < n; i++) y[i] = (float) (x[i] / (1 + Math.exp(-alpha * x[i])) * v[i]);
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, a.shape(), y)};
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double x = a.getDouble(i);
            y[i] = x / (1 + Math.exp(-alpha * x)) * b.getDouble(i);
        }
        return new Tensor[] {Tensor.fromDoubles(a.dtype(), a.shape(), y)};
    }
}
