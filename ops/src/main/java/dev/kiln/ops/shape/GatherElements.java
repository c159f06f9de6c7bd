package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * GatherElements: {@code y[i_0, ..., i_k] = data[i_0, ..., indices[i_0, ..., i_k], ..., i_k]}
 * with the index replacing the coordinate along {@code axis}; the output has the shape of
 * {@code indices}.
 */
public final class GatherElements extends TensorOp {
    private final long axis;

    public GatherElements(Node node) {
        this.axis = node.attributes().getInt("axis", 0);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor data = Inputs.required(inputs, 0, "data");
        Tensor indices = Inputs.required(inputs, 1, "indices");
        int r = data.rank();
        if (r == 0) throw new IllegalArgumentException("input 'data' must have rank >= 1, got a scalar");
        int ax = Shape.normalizeAxis((int) axis, r);
        int[] map = ScatterElements.elementMap(data.shape(), indices, ax, "indices");
        return new Tensor[] {Moves.gather(data, map, indices.shape())};
    }
}
