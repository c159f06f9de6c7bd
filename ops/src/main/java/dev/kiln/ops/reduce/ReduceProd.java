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
        if (Reducer.isExact(x.dtype())) return Reducer.fromLongs(Reducer.foldLong(x, p, Reducer.Fold.PROD), out, x.dtype());
        return Reducer.fromDoubles(Reducer.foldDouble(x, p, Reducer.Fold.PROD, null), out, x.dtype());
    }
}
