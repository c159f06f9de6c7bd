package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ReduceLogSumExp: {@code log(sum(exp(x)))} over the axes, computed as
 * {@code m + log(sum(exp(x - m)))} with m the max; empty reductions give -inf.
 */
public final class ReduceLogSumExp extends Reduction {
    public ReduceLogSumExp(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        double[] m = Reducer.foldDouble(x, p, Reducer.Fold.MAX, null);
        // an infinite max cannot shift (inf - inf); shifting by 0 then gives the right inf
        for (int i = 0; i < m.length; i++) if (Double.isInfinite(m[i])) m[i] = 0;
        double[] s = Reducer.foldDouble(x, p, Reducer.Fold.EXP_SUM, m);
        for (int i = 0; i < s.length; i++) s[i] = m[i] + Math.log(s[i]);
        return Reducer.fromDoubles(s, out, x.dtype());
    }

    // y = log(sum(exp(x)))  =>  dX = exp(x - y) dY (the softmax of x times dY)
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        for (int i = 0; i < dX.length; i++) dX[i] = Math.exp(x[i] - y[cell[i]]) * dY[cell[i]];
    }
}
