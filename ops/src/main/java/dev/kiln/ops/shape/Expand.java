package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.ops.common.GradReduce;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Expand: broadcasts the input against {@code shape} (numpy rules in both directions: a 1 in
 * {@code shape} keeps the input's dimension).
 */
public final class Expand extends TensorOp {
    public Expand(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input");
        long[] target = Indices.read(Inputs.required(inputs, 1, "shape"), "shape");
        for (long d : target) {
            if (d < 0) throw new IllegalArgumentException("input 'shape' has a negative dimension " + d);
        }
        Shape out = Shape.broadcast(x.shape(), Shape.of(target));
        return new Tensor[] {broadcastTo(x, out)};
    }

    /** {@code x} broadcast to {@code out} (which must be a broadcast of x's shape). */
    static Tensor broadcastTo(Tensor x, Shape out) {
        if (x.shape().equals(out)) return x;
        int r = out.rank();
        long[] od = out.dims();
        long[] xd = x.shape().dims();
        long[] xs = x.shape().strides();
        long[] st = new long[r];
        int off = r - xd.length;
        for (int i = 0; i < xd.length; i++) st[i + off] = xd[i] == 1 ? 0 : xs[i];
        return Moves.strided(x, 0, od, st);
    }

    // y = x broadcast to the shape  =>  dX = dY summed over the broadcast axes; the shape gets none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        if (!GradData.differentiable(x)) return new Tensor[2];
        return new Tensor[] {GradReduce.sumTo(dOutputs[0], x.shape()), null};
    }
}
