package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** ReduceLogSum: {@code log(sum(x))} over the axes; empty reductions give -inf. */
public final class ReduceLogSum extends Reduction {
    public ReduceLogSum(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        double[] s = Reducer.foldDouble(x, p, Reducer.Fold.SUM, null);
        for (int i = 0; i < s.length; i++) s[i] = Math.log(s[i]);
        return Reducer.fromDoubles(s, out, x.dtype());
    }

    // y = log(s), s = sum(x)  =>  dX = dY / s
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        double[] s = new double[y.length];
        for (int i = 0; i < x.length; i++) s[cell[i]] += x[i];
        for (int i = 0; i < dX.length; i++) dX[i] = dY[cell[i]] / s[cell[i]];
    }
}
