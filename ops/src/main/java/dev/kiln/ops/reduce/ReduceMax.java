package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** ReduceMax: {@code max(x)} over the axes (NaN wins, bool as False < True); empty reductions give -inf, or the type's minimum. */
public final class ReduceMax extends Reduction {
    public ReduceMax(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        if (Reducer.isExact(x.dtype())) return Reducer.fromLongs(Reducer.foldLong(x, p, Reducer.Fold.MAX), out, x.dtype());
        return Reducer.fromDoubles(Reducer.foldDouble(x, p, Reducer.Fold.MAX, null), out, x.dtype());
    }
}
