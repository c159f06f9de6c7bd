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
        return Reducer.fold(x, p, Reducer.Fold.SUM_SQUARE, out);
    }

    // y = sum(x^2)  =>  dX = 2 x dY
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = 2 * x[i] * dY[cell[i]];
    }
}
