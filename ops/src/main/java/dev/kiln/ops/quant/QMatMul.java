package dev.kiln.ops.quant;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.tensor.Shape;

/**
 * numpy {@code matmul} on values already shifted by their zero points, accumulated in double
 * (exact for the integer products of 8-bit and 16-bit operands).
 */
final class QMatMul {
    private QMatMul() {}

    /**
     * The product and its shapes.
     *
     * @param y the values, row-major over {@code full}
     * @param full the shape with both matrix dims kept: (batch..., M, N)
     * @param shape the numpy result shape (M or N dropped for 1-D operands)
     */
    record Result(double[] y, Shape full, Shape shape) {}

    // a: (batchA..., M, K) or (K); b: (batchB..., K, N) or (K)
    static Result multiply(double[] a, Shape as, double[] b, Shape bs) {
        if (as.rank() == 0 || bs.rank() == 0) {
            throw new IllegalArgumentException("matmul inputs must have rank >= 1, got " + as + " and " + bs);
        }
        boolean aVec = as.rank() == 1;
        boolean bVec = bs.rank() == 1;
        Shape a2 = aVec ? Shape.of(1, as.dim(0)) : as;
        Shape b2 = bVec ? Shape.of(bs.dim(0), 1) : bs;
        int m = a2.dimInt(-2);
        int k = a2.dimInt(-1);
        int n = b2.dimInt(-1);
        if (b2.dim(-2) != k) {
            throw new IllegalArgumentException("matmul inputs " + as + " and " + bs + " have mismatched K (" + k
                    + " vs " + b2.dim(-2) + ")");
        }
        Shape batchA = Shape.of(java.util.Arrays.copyOf(a2.dims(), a2.rank() - 2));
        Shape batchB = Shape.of(java.util.Arrays.copyOf(b2.dims(), b2.rank() - 2));
        Shape batch = Shape.broadcast(batchA, batchB);
        int[] mapA = Broadcast.indexMap(batchA, batch);
        int[] mapB = Broadcast.indexMap(batchB, batch);
        int nb = batch.sizeInt();
        double[] y = new double[nb * m * n];
        for (int bi = 0; bi < nb; bi++) {
            int ao = mapA[bi] * m * k;
            int bo = mapB[bi] * k * n;
            int yo = bi * m * n;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    double av = a[ao + i * k + p];
                    if (av == 0) continue;
                    int brow = bo + p * n;
                    int yrow = yo + i * n;
                    for (int j = 0; j < n; j++) y[yrow + j] += av * b[brow + j];
                }
            }
        }
        long[] fullDims = new long[batch.rank() + 2];
        System.arraycopy(batch.dims(), 0, fullDims, 0, batch.rank());
        fullDims[batch.rank()] = m;
        fullDims[batch.rank() + 1] = n;
        Shape full = Shape.of(fullDims);
        long[] dims = batch.dims();
        long[] outDims;
        if (aVec && bVec) outDims = dims;
        else if (aVec) outDims = append(dims, n);
        else if (bVec) outDims = append(dims, m);
        else outDims = fullDims;
        return new Result(y, full, Shape.of(outDims));
    }

    private static long[] append(long[] d, long v) {
        long[] o = java.util.Arrays.copyOf(d, d.length + 1);
        o[d.length] = v;
        return o;
    }
}
