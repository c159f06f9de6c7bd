package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** ReduceL1: {@code sum(|x|)} over the axes; empty reductions give 0. */
public final class ReduceL1 extends Reduction {
    public ReduceL1(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        return Reducer.fold(x, p, Reducer.Fold.ABS_SUM, out);
    }

    // y = sum(|x|)  =>  dX = sign(x) dY (0 at x = 0)
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = Math.signum(x[i]) * dY[cell[i]];
    }
}
