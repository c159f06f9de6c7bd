package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/** Scatter (deprecated since opset 11): ScatterElements without a reduction. */
public final class Scatter extends TensorOp {
    private final long axis;

    public Scatter(Node node) {
        this.axis = node.attributes().getInt("axis", 0);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {ScatterElements.scatter(Inputs.required(inputs, 0, "data"), Inputs.required(inputs, 1, "indices"), Inputs.required(inputs, 2, "updates"), axis, Reduction.NONE)};
    }
}
