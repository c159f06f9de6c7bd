package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Trilu: keeps the upper ({@code upper=1}: {@code j - i >= k}) or lower ({@code j - i <= k})
 * triangle of each matrix in the last two axes and zeroes the rest; {@code k} is input 1.
 */
public final class Trilu extends TensorOp {
    private final boolean upper;

    public Trilu(Node node) {
        this.upper = node.attributes().getInt("upper", 1) != 0;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (..., N, M)
        Tensor x = Inputs.required(inputs, 0, "input");
        if (x.rank() < 2) throw new IllegalArgumentException("input 'input' must have rank >= 2, got " + x.describe());
        long k = 0;
        if (inputs.length > 1 && inputs[1] != null) {
            long[] kv = Indices.read(inputs[1], "k");
            if (kv.length != 1) throw new IllegalArgumentException("input 'k' must be a scalar, got " + inputs[1].describe());
            k = kv[0];
        }
        int rows = (int) x.shape().dim(-2);
        int cols = (int) x.shape().dim(-1);
        k = Math.max(-(long) rows - 1, Math.min((long) cols + 1, k));
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        int mats = rows * cols == 0 ? 0 : x.size() / (rows * cols);
        for (int m = 0; m < mats; m++) {
            for (int i = 0; i < rows; i++) {
                // kept columns: upper j >= i + k, lower j <= i + k
                long from = upper ? Math.max(0, i + k) : 0;
                long to = upper ? cols : Math.min(cols, i + k + 1);
                if (to <= from) continue;
                int off = (m * rows + i) * cols + (int) from;
                System.arraycopy(x.data(), off, y.data(), off, (int) (to - from));
            }
        }
        return new Tensor[] {y};
    }
}
