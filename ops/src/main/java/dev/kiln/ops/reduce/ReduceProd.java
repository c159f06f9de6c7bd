package dev.kiln.ops.reduce;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** ReduceProd: {@code prod(x)} over the axes; empty reductions give 1. */
public final class ReduceProd extends Reduction {
    public ReduceProd(Node node) {
        super(node);
    }

    @Override
    Tensor reduce(Tensor x, Reducer.Plan p, Shape out) {
        return Reducer.fold(x, p, Reducer.Fold.PROD, out);
    }

    // y = prod(x)  =>  dX_i = dY * prod_(j != i) x_j: with no zero in the cell y / x_i, with one
    // zero the product of the others at the zero and 0 elsewhere, with two or more zeros 0
    @Override
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        // per cell: the number of zeros and the product of the non-zero elements
        int[] zeros = new int[y.length];
        double[] rest = new double[y.length];
        java.util.Arrays.fill(rest, 1);
        for (int i = 0; i < x.length; i++) {
            if (x[i] == 0) zeros[cell[i]]++;
            else rest[cell[i]] *= x[i];
        }
        for (int i = 0; i < dX.length; i++) {
            int c = cell[i];
            double others = zeros[c] == 0 ? rest[c] / x[i] : zeros[c] == 1 && x[i] == 0 ? rest[c] : 0;
            dX[i] = others * dY[c];
        }
    }
}
