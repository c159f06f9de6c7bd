package dev.kiln.ops.linalg;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.ops.common.Floats;
import dev.kiln.ops.common.Parallel;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * MatMul: the numpy matrix product. Leading (batch) dims broadcast; a 1-D A is treated as a
 * (1, K) row and a 1-D B as a (K, 1) column, and that axis is dropped from the output. A 2-D
 * float32 (or float16, bfloat16) B that is a model constant is packed for the GEMM once ({@link PackedWeights}).
 */
public final class MatMul extends TensorOp {
    /** B packed once when it is a 2-D float32 initializer (null without a load context). */
    private final PackedWeights weights;

    public MatMul(Node node) { this.weights = null; }

    public MatMul(Node node, LoadContext ctx) {
        this.weights = new PackedWeights(ctx.constant(node.input(1)), false);
    }

    /**
     * The product's layout, shared by forward and backward: A as (aBatch, M, K), B as
     * (bBatch, K, N), Y as (batch, M, N) with the 1-D axes dropped in {@code out}.
     */
    private record Layout(Shape aBatch, Shape bBatch, Shape batch, int m, int k, int n, Shape out) {
        /** Whether one B serves every batch, so A's batches fold into its rows. */
        boolean sharedB() { return bBatch.size() == 1 && aBatch.equals(batch); }
    }

    // A: (..., M, K), B: (..., K, N) → Y: (broadcast(...), M, N)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor a = Numeric.require(inputs, 0, "A"), b = Numeric.require(inputs, 1, "B");
        Layout l = layout(a, b);
        MemoryBudget.check(a.dtype(), l.out);
        int m = l.m, k = l.k, n = l.n;
        int batches = l.batch.sizeInt();
        PackedMatrix packed = weights == null || b.rank() != 2 || !l.sharedB() ? null : weights.packedFor(b);
        if (packed != null) {
            // a constant B: packed at the first run, the product reads the panels
            float[] c = new float[l.out.sizeInt()];
            Sgemm.gemm(false, batches * m, 1f, Floats.widen(a), 0, k, packed, 0f, c, 0, n);
            return new Tensor[] {Floats.narrow(a.dtype(), l.out, c)};
        }
        Object wa = Numeric.load(a, "A"), wb = Numeric.load(b, "B");
        Object wc = Numeric.alloc(wa, l.out.sizeInt());
        if (l.sharedB()) {
            Numeric.matmul(wa, 0, wb, 0, wc, 0, batches * m, n, k);
        } else {
            int[] aIdx = Broadcast.indexMap(l.aBatch, l.batch);
            int[] bIdx = Broadcast.indexMap(l.bBatch, l.batch);
            // one product per task: many small products (attention heads) then fill every thread
            int threads = (long) batches * m * n * k < Sgemm.PARALLEL_MACS ? 1 : Parallel.threads();
            Parallel.forEach(batches, threads,
                    i -> Numeric.matmul(wa, aIdx[i] * m * k, wb, bIdx[i] * k * n, wc, i * m * n, m, n, k));
        }
        return new Tensor[] {Numeric.store(a.dtype(), l.out, wc)};
    }

    // Y_i = A_a(i) · B_b(i) for each broadcast batch i  =>
    //   dA_a (M, K) = sum over i with a(i) = a of dY_i (M, N) · B_b(i)ᵀ (N, K)
    //   dB_b (K, N) = sum over i with b(i) = b of A_a(i)ᵀ (K, M) · dY_i (M, N)
    // (a 1-D operand's gradient is its (1, K) or (K, 1) matrix, the same elements)
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor a = Numeric.require(inputs, 0, "A"), b = Numeric.require(inputs, 1, "B");
        if (!a.dtype().isFloatingPoint()) return new Tensor[] {null, null};
        Layout l = layout(a, b);
        int m = l.m, k = l.k, n = l.n;
        Object wa = Numeric.load(a, "A"), wb = Numeric.load(b, "B");
        Object wdy = Numeric.load(dOutputs[0], "dY");
        Object dA = Numeric.alloc(wa, a.size()), dB = Numeric.alloc(wb, b.size());
        int batches = l.batch.sizeInt();
        if (l.sharedB()) {
            int rows = batches * m;
            // dA (rows, K) = dY (rows, N) · Bᵀ; dB (K, N) = Aᵀ (K, rows) · dY (rows, N)
            Numeric.gemm(false, true, rows, k, n, 1, wdy, 0, n, wb, 0, n, 0, dA, 0, k);
            Numeric.gemm(true, false, k, n, rows, 1, wa, 0, k, wdy, 0, n, 0, dB, 0, n);
        } else {
            int[] aIdx = Broadcast.indexMap(l.aBatch, l.batch);
            int[] bIdx = Broadcast.indexMap(l.bBatch, l.batch);
            for (int i = 0; i < batches; i++) {
                int aOff = aIdx[i] * m * k, bOff = bIdx[i] * k * n, yOff = i * m * n;
                Numeric.gemm(false, true, m, k, n, 1, wdy, yOff, n, wb, bOff, n, 1, dA, aOff, k);
                Numeric.gemm(true, false, k, n, m, 1, wa, aOff, k, wdy, yOff, n, 1, dB, bOff, n);
            }
        }
        return new Tensor[] {Numeric.store(a.dtype(), a.shape(), dA), Numeric.store(b.dtype(), b.shape(), dB)};
    }

    private static Layout layout(Tensor a, Tensor b) {
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
        return new Layout(aBatch, bBatch, batch, m, k, n, Shape.of(outDims));
    }
}
