package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * GatherND: each innermost row of {@code indices} (length m) addresses a slice of {@code data}
 * past the first {@code batch_dims} axes, which data and indices share.
 */
public final class GatherND extends TensorOp {
    private final int batchDims;

    public GatherND(Node node) {
        this.batchDims = (int) node.attributes().getInt("batch_dims", 0);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // data: (B..., D...), indices: (B..., I..., m) -> y: (B..., I..., D[m:]...)
        Tensor data = Inputs.required(inputs, 0, "data");
        Tensor indices = Inputs.required(inputs, 1, "indices");
        Plan p = plan(data.shape(), indices.shape(), batchDims, "GatherND");
        long[] idx = Indices.read(indices, "indices");
        int[] offsets = p.offsets(idx, "indices");
        Tensor y = Tensor.zeros(data.dtype(), Shape.of(p.outDims));
        if (p.slice > 0) {
            for (int j = 0; j < offsets.length; j++) {
                System.arraycopy(data.data(), offsets[j], y.data(), j * p.slice, p.slice);
            }
        }
        return new Tensor[] {y};
    }

    /**
     * How index rows map into data, shared with ScatterND.
     *
     * @param b batch dims
     * @param m length of an index row
     * @param batchCount product of the batch dims
     * @param rowsPerBatch index rows per batch entry
     * @param slice elements of data addressed by one index row
     * @param outDims GatherND's output shape (ScatterND's updates shape)
     */
    record Plan(long[] dataDims, int b, int m, long batchCount, long rowsPerBatch, int slice, long[] outDims) {
        /** The flat offset into data of each index row (validated). */
        int[] offsets(long[] idx, String what) {
            long[] strides = Shape.of(dataDims).strides();
            long batchStride = Moves.product(dataDims, b, dataDims.length);
            int rows = (int) (batchCount * rowsPerBatch);
            int[] out = new int[rows];
            for (int row = 0; row < rows; row++) {
                long off = (row / rowsPerBatch) * batchStride;
                for (int j = 0; j < m; j++) {
                    off += Indices.normalize(idx[row * m + j], dataDims[b + j], what) * strides[b + j];
                }
                out[row] = (int) off;
            }
            return out;
        }
    }

    static Plan plan(Shape data, Shape indices, int b, String op) {
        int r = data.rank();
        int q = indices.rank();
        if (r < 1 || q < 1) {
            throw new IllegalArgumentException("data and indices must have rank >= 1, got " + data + " and " + indices);
        }
        if (b < 0 || b >= Math.min(r, q)) {
            throw new IllegalArgumentException("attribute 'batch_dims' " + b + " must be in [0, "
                    + (Math.min(r, q) - 1) + "] for data " + data + " and indices " + indices);
        }
        long[] dd = data.dims();
        long[] id = indices.dims();
        for (int i = 0; i < b; i++) {
            if (dd[i] != id[i]) {
                throw new IllegalArgumentException("batch dimension " + i + " differs: data " + data
                        + ", indices " + indices);
            }
        }
        long mLong = id[q - 1];
        if (mLong < 1 || mLong > r - b) {
            throw new IllegalArgumentException(op + " index rows have length " + mLong + ", expected 1.."
                    + (r - b) + " for data " + data + " with batch_dims " + b);
        }
        int m = (int) mLong;
        long batchCount = Moves.product(dd, 0, b);
        long rowsPerBatch = Moves.product(id, b, q - 1);
        int slice = (int) Moves.product(dd, b + m, r);
        long[] out = new long[q - 1 + r - b - m];
        System.arraycopy(id, 0, out, 0, q - 1);
        System.arraycopy(dd, b + m, out, q - 1, r - b - m);
        return new Plan(Arrays.copyOf(dd, r), b, m, batchCount, rowsPerBatch, slice, out);
    }
}
