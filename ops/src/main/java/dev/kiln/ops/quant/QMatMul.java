package dev.kiln.ops.quant;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.tensor.Shape;

/**
 * numpy {@code matmul} on values already shifted by their zero points: 8-bit integers exactly in
 * int32 on the float32 GEMM ({@link Igemm}), other types (float8) in double.
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

    /**
     * How a numpy matmul of two shapes runs: {@code nb} broadcast batches of (M, K) @ (K, N),
     * batch {@code i} reading batch {@code mapA[i]} of a and {@code mapB[i]} of b.
     */
    record Plan(int nb, int m, int k, int n, int[] mapA, int[] mapB, Shape full, Shape shape) {}

    // a: (batchA..., M, K) or (K); b: (batchB..., K, N) or (K)
    static Plan plan(Shape as, Shape bs) {
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
        long[] fullDims = new long[batch.rank() + 2];
        System.arraycopy(batch.dims(), 0, fullDims, 0, batch.rank());
        fullDims[batch.rank()] = m;
        fullDims[batch.rank() + 1] = n;
        long[] dims = batch.dims();
        long[] outDims;
        if (aVec && bVec) outDims = dims;
        else if (aVec) outDims = append(dims, n);
        else if (bVec) outDims = append(dims, m);
        else outDims = fullDims;
        return new Plan(batch.sizeInt(), m, k, n, Broadcast.indexMap(batchA, batch), Broadcast.indexMap(batchB, batch),
                Shape.of(fullDims), Shape.of(outDims));
    }

    /**
     * The product of operands shifted by 8-bit zero points (integers in [-255, 255]) as exact int32
     * sums ({@link Igemm}, wrapping as the int reference would past K = 33025), returned as doubles.
     */
    static Result multiply(double[] a, Shape as, double[] b, Shape bs) {
        Plan p = plan(as, bs);
        int[] c = multiply(toFloats(a), toFloats(b), p);
        double[] y = new double[c.length];
        for (int i = 0; i < c.length; i++) y[i] = c[i];
        return new Result(y, p.full(), p.shape());
    }

    /**
     * The same product on int operands with exact int32 accumulation ({@link Igemm}), wrapping on
     * overflow as int32 arithmetic does (shifted 8-bit operands, at most 255 in magnitude,
     * overflow only past K = 33025).
     */
    static int[] multiply(int[] a, int[] b, Plan p) {
        float[] af = new float[a.length];
        for (int i = 0; i < a.length; i++) af[i] = a[i];
        float[] bf = new float[b.length];
        for (int i = 0; i < b.length; i++) bf[i] = b[i];
        return multiply(af, bf, p);
    }

    /** The product of shifted 8-bit operands held as floats, exact in int32. */
    private static int[] multiply(float[] af, float[] bf, Plan p) {
        int m = p.m();
        int k = p.k();
        int n = p.n();
        int[] y = new int[p.nb() * m * n];
        for (int bi = 0; bi < p.nb(); bi++) {
            Igemm.multiply(m, n, k, af, p.mapA()[bi] * m * k, bf, p.mapB()[bi] * k * n, y, bi * m * n);
        }
        return y;
    }

    /**
     * The product in double, for operands that are not shifted 8-bit integers (float8 types):
     * each product and sum rounded as double arithmetic rounds them.
     */
    static Result multiplyDouble(double[] a, Shape as, double[] b, Shape bs) {
        Plan p = plan(as, bs);
        int m = p.m();
        int k = p.k();
        int n = p.n();
        double[] y = new double[p.nb() * m * n];
        for (int bi = 0; bi < p.nb(); bi++) {
            int ao = p.mapA()[bi] * m * k;
            int bo = p.mapB()[bi] * k * n;
            int yo = bi * m * n;
            for (int i = 0; i < m; i++) {
                for (int q = 0; q < k; q++) {
                    double av = a[ao + i * k + q];
                    if (av == 0) continue;
                    int brow = bo + q * n;
                    int yrow = yo + i * n;
                    for (int j = 0; j < n; j++) y[yrow + j] += av * b[brow + j];
                }
            }
        }
        return new Result(y, p.full(), p.shape());
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    private static long[] append(long[] d, long v) {
        long[] o = java.util.Arrays.copyOf(d, d.length + 1);
        o[d.length] = v;
        return o;
    }
}
