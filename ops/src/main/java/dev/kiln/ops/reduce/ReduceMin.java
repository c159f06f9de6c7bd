package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ReduceMin: {@code min(x)} over the axes (NaN wins, bool as False < True);
 * empty reductions give +inf, or the type's maximum.
 */
public final class ReduceMin extends Reduction {
    public ReduceMin(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        return Reducer.fold(x, p, Reducer.Fold.MIN, out);
    }

    // y = min(x)  =>  dX = dY at the first position of the min (ArgMin), 0 elsewhere
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        toFirstEqual(x, cell, y, dY, dX);
    }
}
