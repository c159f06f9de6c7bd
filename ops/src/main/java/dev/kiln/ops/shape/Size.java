package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/** Size: the input's element count as an int64 scalar. */
public final class Size extends TensorOp {
    public Size(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {Tensor.scalar(Inputs.required(inputs, 0, "data").shape().size())};
    }
}
