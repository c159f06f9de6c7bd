package dev.kiln.ops.conv;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/** GlobalMaxPool: the maximum over all spatial axes, keeping them as size-1 axes. */
public final class GlobalMaxPool extends TensorOp {
    public GlobalMaxPool(Node node) {}

    // X: (N, C, D1..Dk) → Y: (N, C, 1..1)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {GlobalPooling.run(inputs[0], Pooling.Kind.MAX, 0)};
    }

    // Y[n, c] = X[n, c, first argmax]  =>  dX at that position = dY[n, c], zero elsewhere
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        return new Tensor[] {GlobalPooling.backward(inputs[0], dOutputs[0], Pooling.Kind.MAX)};
    }
}
