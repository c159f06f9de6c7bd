package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ReduceMean: {@code sum(x) / n} over the axes (integers divide truncating toward zero); empty
 * reductions give NaN.
 */
public final class ReduceMean extends Reduction {
    public ReduceMean(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        if (Reducer.isExact(x.dtype())) {
            long[] s = Reducer.foldLong(x, p, Reducer.Fold.SUM);
            if (p.count == 0 && s.length > 0) {
                throw new IllegalArgumentException("ReduceMean of an empty set of integers is undefined");
            }
            boolean u64 = x.dtype() == dev.kiln.runtime.tensor.DType.UINT64;
            for (int i = 0; i < s.length; i++) s[i] = u64 ? Long.divideUnsigned(s[i], p.count) : s[i] / p.count;
            return Reducer.fromLongs(s, out, x.dtype());
        }
        double[] s = Reducer.foldDouble(x, p, Reducer.Fold.SUM, null);
        for (int i = 0; i < s.length; i++) s[i] /= p.count;
        return Reducer.fromDoubles(s, out, x.dtype());
    }

    // y = sum(x) / n  =>  dX = dY / n, n = the elements per cell
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        if (x.length == 0) return;
        double n = (double) x.length / y.length;
        for (int i = 0; i < dX.length; i++) dX[i] = dY[cell[i]] / n;
    }
}
