package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Gather: picks slices of {@code data} along {@code axis} by {@code indices} (int32/int64,
 * negative counting from the end).
 */
public final class Gather extends TensorOp {
    private final long axis;

    public Gather(Node node) {
        this.axis = node.attributes().getInt("axis", 0);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // data: (A..., K, B...), indices: (I...) -> y: (A..., I..., B...)
        Tensor data = Inputs.required(inputs, 0, "data");
        Tensor indices = Inputs.required(inputs, 1, "indices");
        int r = data.rank();
        if (r == 0) throw new IllegalArgumentException("input 'data' must have rank >= 1, got a scalar");
        int ax = Shape.normalizeAxis((int) axis, r);
        long[] idx = Indices.read(indices, "indices");
        long[] dims = data.shape().dims();
        long k = dims[ax];
        long outer = Moves.product(dims, 0, ax);
        int inner = (int) Moves.product(dims, ax + 1, r);
        long[] iDims = indices.shape().dims();
        long[] out = new long[r - 1 + iDims.length];
        System.arraycopy(dims, 0, out, 0, ax);
        System.arraycopy(iDims, 0, out, ax, iDims.length);
        System.arraycopy(dims, ax + 1, out, ax + iDims.length, r - ax - 1);
        int[] norm = new int[idx.length];
        for (int j = 0; j < idx.length; j++) norm[j] = Indices.normalize(idx[j], k, "indices");
        Tensor y = Tensor.zeros(data.dtype(), Shape.of(out));
        if (inner == 0) return new Tensor[] {y};
        Object src = data.data();
        Object dst = y.data();
        int o = 0;
        for (long a = 0; a < outer; a++) {
            long rowBase = a * k;
            for (int j : norm) {
                System.arraycopy(src, (int) ((rowBase + j) * inner), dst, o, inner);
                o += inner;
            }
        }
        return new Tensor[] {y};
    }

    // y[a, j, b] = data[a, indices[j], b]  =>  dData[a, indices[j], b] += dY[a, j, b] (repeated
    // indices add up); the indices get none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor data = inputs[0];
        if (!GradData.differentiable(data)) return new Tensor[2];
        int r = data.rank();
        int ax = Shape.normalizeAxis((int) axis, r);
        long[] idx = Indices.read(inputs[1], "indices");
        long[] dims = data.shape().dims();
        long k = dims[ax];
        long outer = Moves.product(dims, 0, ax);
        int inner = (int) Moves.product(dims, ax + 1, r);
        double[] dy = GradData.read(dOutputs[0]);
        double[] dData = new double[data.size()];
        int o = 0;
        for (long a = 0; a < outer; a++) {
            for (long j : idx) {
                int at = (int) ((a * k + Indices.normalize(j, k, "indices")) * inner);
                for (int t = 0; t < inner; t++) dData[at + t] += dy[o + t];
                o += inner;
            }
        }
        return new Tensor[] {GradData.write(data.dtype(), data.shape(), dData), null};
    }
}
