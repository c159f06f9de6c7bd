package dev.kiln.ops.linalg;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.ops.common.Parallel;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * MatMul: the numpy matrix product. Leading (batch) dims broadcast; a 1-D A is treated as a
 * (1, K) row and a 1-D B as a (K, 1) column, and that axis is dropped from the output.
 */
public final class MatMul extends TensorOp {
    public MatMul(Node node) {}

    // A: (..., M, K), B: (..., K, N) → Y: (broadcast(...), M, N)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor a = Numeric.require(inputs, 0, "A"), b = Numeric.require(inputs, 1, "B");
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("inputs A and B must have the same element type, got "
                    + a.dtype() + " and " + b.dtype());
        }
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("MatMul inputs must have rank >= 1, got A "
                    + a.shape() + " and B " + b.shape());
        }
        long[] ad = a.shape().dims(), bd = b.shape().dims();
        long[] aMat = a.rank() == 1 ? new long[] {1, ad[0]} : ad;
        long[] bMat = b.rank() == 1 ? new long[] {bd[0], 1} : bd;
        int m = (int) aMat[aMat.length - 2], k = (int) aMat[aMat.length - 1];
        int n = (int) bMat[bMat.length - 1];
        if (bMat[bMat.length - 2] != k) {
            throw new IllegalArgumentException("input B has shape " + b.shape() + ", expected K="
                    + k + " rows to match A " + a.shape());
        }
        Shape aBatch = Shape.of(Arrays.copyOf(aMat, aMat.length - 2));
        Shape bBatch = Shape.of(Arrays.copyOf(bMat, bMat.length - 2));
        Shape batch;
        try {
            batch = Broadcast.shape(aBatch, bBatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("batch dims of A " + a.shape() + " and B " + b.shape()
                    + " do not broadcast");
        }
        long[] outDims = batch.dims();
        int r = outDims.length;
        if (a.rank() > 1) { outDims = Arrays.copyOf(outDims, ++r); outDims[r - 1] = m; }
        if (b.rank() > 1) { outDims = Arrays.copyOf(outDims, ++r); outDims[r - 1] = n; }
        Shape outShape = Shape.of(outDims);

        Object wa = Numeric.load(a, "A"), wb = Numeric.load(b, "B");
        Object wc = Numeric.alloc(wa, outShape.sizeInt());
        int batches = batch.sizeInt();
        if (bBatch.size() == 1 && aBatch.equals(batch)) {
            // B is shared by every batch: fold A's batch into its rows.
            Numeric.matmul(wa, 0, wb, 0, wc, 0, batches * m, n, k);
        } else {
            int[] aIdx = Broadcast.indexMap(aBatch, batch);
            int[] bIdx = Broadcast.indexMap(bBatch, batch);
            // one product per task: many small products (attention heads) then fill every thread
            int threads = (long) batches * m * n * k < Sgemm.PARALLEL_MACS ? 1 : Parallel.threads();
            Parallel.forEach(batches, threads,
                    i -> Numeric.matmul(wa, aIdx[i] * m * k, wb, bIdx[i] * k * n, wc, i * m * n, m, n, k));
        }
        return new Tensor[] {Numeric.store(a.dtype(), outShape, wc)};
    }
}
