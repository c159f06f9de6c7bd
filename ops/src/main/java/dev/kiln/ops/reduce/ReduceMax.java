package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ReduceMax: {@code max(x)} over the axes (NaN wins, bool as False < True);
 * empty reductions give -inf, or the type's minimum.
 */
public final class ReduceMax extends Reduction {
    public ReduceMax(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        return Reducer.fold(x, p, Reducer.Fold.MAX, out);
    }

    // y = max(x)  =>  dX = dY at the first position of the max (ArgMax), 0 elsewhere
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        toFirstEqual(x, cell, y, dY, dX);
    }
}
