package dev.kiln.ops.norm;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * MeanVarianceNormalization: {@code (X - E[X]) / (sqrt(E[(X - E[X])^2]) + 1e-9)} with the
 * expectations taken over {@code axes} (default [0, 2, 3]).
 */
public final class MeanVarianceNormalization extends TensorOp {
    private static final double EPSILON = 1e-9;

    private final long[] axes;

    public MeanVarianceNormalization(Node node) {
        this.axes = node.attributes().getInts("axes", new long[] {0, 2, 3});
    }

    // X: (d0..dr-1) → Y like X
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        int r = x.rank();
        boolean[] reduced = new boolean[r];
        for (int a : Args.axes(axes, r, "attribute 'axes' value")) reduced[a] = true;
        // group[i]: flat index of element i over the kept axes
        long[] d = x.shape().dims();
        int n = x.size();
        int[] group = new int[n];
        int groups = 1;
        for (int a = 0; a < r; a++) if (!reduced[a]) groups *= (int) d[a];
        int[] idx = new int[r];
        for (int i = 0; i < n; i++) {
            int g = 0;
            for (int a = 0; a < r; a++) if (!reduced[a]) g = g * (int) d[a] + idx[a];
            group[i] = g;
            for (int a = r - 1; a >= 0; a--) {
                if (++idx[a] < d[a]) break;
                idx[a] = 0;
            }
        }
        Values in = Values.of(x, "X");
        double[] mean = new double[groups], var = new double[groups];
        int count = groups == 0 ? 0 : n / groups;
        for (int i = 0; i < n; i++) mean[group[i]] += in.get(i);
        for (int g = 0; g < groups; g++) mean[g] /= count;
        for (int i = 0; i < n; i++) {
            double dv = in.get(i) - mean[group[i]];
            var[group[i]] += dv * dv;
        }
        for (int g = 0; g < groups; g++) var[g] = Math.sqrt(var[g] / count) + EPSILON;
        Values out = Values.alloc(x.dtype(), n);
        for (int i = 0; i < n; i++) out.set(i, (in.get(i) - mean[group[i]]) / var[group[i]]);
        return new Tensor[] {out.toTensor(x.dtype(), x.shape())};
    }
}
