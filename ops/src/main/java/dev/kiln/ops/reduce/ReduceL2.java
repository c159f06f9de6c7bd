package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** ReduceL2: {@code sqrt(sum(x^2))} over the axes; empty reductions give 0. */
public final class ReduceL2 extends Reduction {
    public ReduceL2(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        double[] s = Reducer.foldDouble(x, p, Reducer.Fold.SUM_SQUARE, null);
        for (int i = 0; i < s.length; i++) s[i] = Math.sqrt(s[i]);
        return Reducer.fromDoubles(s, out, x.dtype());
    }

    // y = sqrt(sum(x^2))  =>  dX = x / y * dY (0 where y = 0)
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) {
            double norm = y[cell[i]];
            dX[i] = norm == 0 ? 0 : x[i] / norm * dY[cell[i]];
        }
    }
}
