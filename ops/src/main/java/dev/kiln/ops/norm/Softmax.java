package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Softmax: {@code exp(x - max) / sum(exp(x - max))} along one axis (opset 13+), or over the
 * trailing block when X is coerced to 2-D at {@code axis} (opset 1-12).
 */
public final class Softmax extends TensorOp {
    private final AxisSoftmax layout;

    public Softmax(Node node, LoadContext ctx) {
        this.layout = new AxisSoftmax(node, ctx);
    }

    // X: (d0, .., dr-1) → Y: same shape
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {layout.softmax(inputs[0], false)};
    }

    // Y = exp(X - max) / sum exp(X - max) along n  =>  dX = Y * (dY - sum_n dY * Y)
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        return new Tensor[] {layout.backward(outputs[0], dOutputs[0], false)};
    }
}
