package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** ReduceSumSquare: {@code sum(x^2)} over the axes; empty reductions give 0. */
public final class ReduceSumSquare extends Reduction {
    public ReduceSumSquare(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        if (Reducer.isExact(x.dtype())) return Reducer.fromLongs(Reducer.foldLong(x, p, Reducer.Fold.SUM_SQUARE), out, x.dtype());
        return Reducer.fromDoubles(Reducer.foldDouble(x, p, Reducer.Fold.SUM_SQUARE, null), out, x.dtype());
    }
}
