package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** ReduceSum: {@code sum(x)} over the axes; empty reductions give 0. */
public final class ReduceSum extends Reduction {
    public ReduceSum(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        return Reducer.fold(x, p, Reducer.Fold.SUM, out);
    }

    // y = sum(x)  =>  dX = dY
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = dY[cell[i]];
    }
}
