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
        return new Tensor[] {ScatterElements.scatter(inputs[0], inputs[1], inputs[2], axis, Reduction.NONE)};
    }
}
