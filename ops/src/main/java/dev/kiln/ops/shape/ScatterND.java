package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ScatterND: a copy of {@code data} where each innermost row of {@code indices} (length m)
 * addresses a slice that receives (or, with {@code reduction}, combines with) the matching
 * slice of {@code updates}. Rows apply in order.
 */
public final class ScatterND extends TensorOp {
    private final Reduction reduction;

    public ScatterND(Node node) {
        this.reduction = Reduction.parse(node.attributes().getString("reduction", "none"));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // data: (D...), indices: (I..., m), updates: (I..., D[m:]...)
        Tensor data = Inputs.required(inputs, 0, "data");
        Tensor indices = Inputs.required(inputs, 1, "indices");
        Tensor updates = Inputs.required(inputs, 2, "updates");
        GatherND.Plan p = GatherND.plan(data.shape(), indices.shape(), 0, "ScatterND");
        if (!updates.shape().equals(Shape.of(p.outDims()))) {
            throw new IllegalArgumentException("input 'updates' has shape " + updates.shape() + ", expected "
                    + Shape.of(p.outDims()) + " for data " + data.shape()
                    + " and indices " + indices.shape());
        }
        if (updates.dtype() != data.dtype()) {
            throw new IllegalArgumentException("input 'updates' is " + updates.dtype() + ", expected " + data.dtype());
        }
        reduction.check(data.dtype());
        int[] offsets = p.offsets(Indices.read(indices, "indices"), "indices");
        Tensor y = data.copy();
        int slice = p.slice();
        for (int j = 0; j < offsets.length; j++) {
            if (reduction == Reduction.NONE) {
                System.arraycopy(updates.data(), j * slice, y.data(), offsets[j], slice);
            } else {
                for (int e = 0; e < slice; e++) reduction.apply(y, offsets[j] + e, updates, j * slice + e);
            }
        }
        return new Tensor[] {y};
    }
}
