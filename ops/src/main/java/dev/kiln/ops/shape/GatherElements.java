package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
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

    // y[k] = data[map[k]] (map: the element indices address)  =>  dData[map[k]] += dY[k]
    // (repeated addresses add up); the indices get none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor data = inputs[0];
        if (!GradData.differentiable(data)) return new Tensor[2];
        int ax = Shape.normalizeAxis((int) axis, data.rank());
        int[] map = ScatterElements.elementMap(data.shape(), inputs[1], ax, "indices");
        double[] dy = GradData.read(dOutputs[0]);
        double[] dData = new double[data.size()];
        for (int k = 0; k < map.length; k++) dData[map[k]] += dy[k];
        return new Tensor[] {GradData.write(data.dtype(), data.shape(), dData), null};
    }
}
