package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * LogSoftmax: {@code x - max - log(sum(exp(x - max)))} along one axis (opset 13+), or over the
 * trailing block when X is coerced to 2-D at {@code axis} (opset 1-12).
 */
public final class LogSoftmax extends TensorOp {
    private final AxisSoftmax layout;

    public LogSoftmax(Node node, LoadContext ctx) {
        this.layout = new AxisSoftmax(node, ctx);
    }

    // X: (d0, .., dr-1) → Y: same shape
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {layout.softmax(inputs[0], true)};
    }

    // Y = X - max - log(sum exp(X - max)) along n  =>  dX = dY - exp(Y) * sum_n dY
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        return new Tensor[] {layout.backward(outputs[0], dOutputs[0], true)};
    }
}
