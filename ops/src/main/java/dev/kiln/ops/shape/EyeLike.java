package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * EyeLike: a 2-D tensor shaped like the input with ones on diagonal {@code k} ({@code j = i + k})
 * and zeros elsewhere, of type {@code dtype} or else the input's type.
 */
public final class EyeLike extends TensorOp {
    private final DType dtype;
    private final long k;

    public EyeLike(Node node) {
        this.dtype = node.attributes().has("dtype") ? DType.fromOnnx((int) node.attributes().getInt("dtype", 1)) : null;
        this.k = node.attributes().getInt("k", 0);
        if (dtype == DType.STRING) throw new IllegalArgumentException("attribute 'dtype' cannot be string");
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input");
        if (x.rank() != 2) throw new IllegalArgumentException("input 'input' must be 2-D, got " + x.describe());
        DType t = dtype != null ? dtype : x.dtype();
        if (t == DType.STRING) throw new IllegalArgumentException("input 'input' cannot be a string tensor");
        Tensor y = Tensor.zeros(t, x.shape());
        long rows = x.shape().dim(0);
        long cols = x.shape().dim(1);
        Object one = Moves.scalarOf(t, 1);
        for (long i = Math.max(0, -k); i < rows && i + k < cols; i++) {
            System.arraycopy(one, 0, y.data(), (int) (i * cols + i + k), 1);
        }
        return new Tensor[] {y};
    }
}
