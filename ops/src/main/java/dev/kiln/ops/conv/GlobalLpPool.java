package dev.kiln.ops.conv;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/** GlobalLpPool: {@code (sum |x|^p)^(1/p)} over all spatial axes, keeping them as size-1 axes. */
public final class GlobalLpPool extends TensorOp {
    private final double p;

    public GlobalLpPool(Node node) {
        this.p = node.attributes().getFloat("p", 2f);
        if (!(p > 0)) throw new IllegalArgumentException("attribute 'p' must be positive, got " + p);
    }

    // X: (N, C, D1..Dk) → Y: (N, C, 1..1)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {GlobalPooling.run(inputs[0], Pooling.Kind.LP, p)};
    }
}
