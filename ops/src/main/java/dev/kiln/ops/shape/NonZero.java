package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * NonZero: the coordinates of the non-zero elements (non-empty for strings), as an int64 tensor
 * of shape (rank, count) in row-major order. A scalar counts as a 1-D tensor of one element.
 */
public final class NonZero extends TensorOp {
    public NonZero(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "X");
        int n = x.size();
        boolean[] nz = new boolean[n];
        int count = 0;
        String[] strings = x.dtype() == DType.STRING ? x.strings() : null;
        for (int i = 0; i < n; i++) {
            nz[i] = strings != null ? !strings[i].isEmpty() : x.getBoolean(i);
            if (nz[i]) count++;
        }
        long[] dims = x.rank() == 0 ? new long[] {1} : x.shape().dims();
        int r = dims.length;
        long[] out = new long[r * count];
        long[] ctr = new long[r];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (nz[i]) {
                for (int d = 0; d < r; d++) out[d * count + k] = ctr[d];
                k++;
            }
            for (int d = r - 1; d >= 0; d--) {
                if (++ctr[d] < dims[d]) break;
                ctr[d] = 0;
            }
        }
        return new Tensor[] {Tensor.wrap(DType.INT64, Shape.of(r, count), out)};
    }
}
