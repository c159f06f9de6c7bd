package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** ReduceProd: {@code prod(x)} over the axes; empty reductions give 1. */
public final class ReduceProd extends Reduction {
    public ReduceProd(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        return Reducer.fold(x, p, Reducer.Fold.PROD, out);
    }
}
