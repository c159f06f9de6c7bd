package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** Flatten: reshapes to 2-D {@code (d_0 * ... * d_{axis-1}, d_axis * ... * d_{r-1})}. */
public final class Flatten extends TensorOp {
    private final long axis;

    public Flatten(Node node) {
        this.axis = node.attributes().getInt("axis", 1);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input");
        int r = x.rank();
        long a = axis < 0 ? axis + r : axis;
        if (a < 0 || a > r) {
            throw new IllegalArgumentException("attribute 'axis' " + axis + " is out of range [" + (-r) + ", " + r
                    + "] for rank " + r);
        }
        long[] dims = x.shape().dims();
        long outer = Moves.product(dims, 0, (int) a);
        long inner = Moves.product(dims, (int) a, r);
        return new Tensor[] {x.reshape(Shape.of(outer, inner))};
    }

    // y = x viewed as 2-D  =>  dX = dY under x's shape
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor[] d = new Tensor[inputs.length];
        if (GradData.differentiable(inputs[0])) d[0] = dOutputs[0].reshape(inputs[0].shape());
        return d;
    }
}
