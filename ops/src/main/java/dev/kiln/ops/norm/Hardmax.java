package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Hardmax: 1 at the first maximum along one axis (opset 13+), or over the trailing block when X
 * is coerced to 2-D at {@code axis} (opset 1-12); 0 elsewhere.
 */
public final class Hardmax extends TensorOp {
    private final AxisSoftmax layout;

    public Hardmax(Node node, LoadContext ctx) {
        this.layout = new AxisSoftmax(node, ctx);
    }

    // X: (d0, .., dr-1) → Y: same shape
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        int[] l = layout.layout(x.shape());
        int outer = l[0], n = l[1], inner = l[2];
        Values in = Values.of(x, "X");
        Values out = Values.alloc(x.dtype(), x.size());
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                int best = 0;
                for (int j = 1; j < n; j++) {
                    if (in.get(base + j * inner) > in.get(base + best * inner)) best = j;
                }
                if (n > 0) out.set(base + best * inner, 1);
            }
        }
        return new Tensor[] {out.toTensor(x.dtype(), x.shape())};
    }

    // Y is piecewise constant in X (a one-hot of the argmax)  =>  dX = 0
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = Values.require(inputs, 0, "X");
        return new Tensor[] {Tensor.zeros(x.dtype(), x.shape())};
    }
}
