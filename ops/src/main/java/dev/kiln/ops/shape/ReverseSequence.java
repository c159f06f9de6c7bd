package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ReverseSequence: for each batch entry b, reverses the first {@code sequence_lens[b]} slices
 * along {@code time_axis} and keeps the rest. The batch and time axes are 0 and 1 in either
 * order.
 */
public final class ReverseSequence extends TensorOp {
    private final long batchAxis;
    private final long timeAxis;

    public ReverseSequence(Node node) {
        this.batchAxis = node.attributes().getInt("batch_axis", 1);
        this.timeAxis = node.attributes().getInt("time_axis", 0);
        if (!((batchAxis == 0 && timeAxis == 1) || (batchAxis == 1 && timeAxis == 0))) {
            throw new IllegalArgumentException("attributes 'batch_axis' " + batchAxis + " and 'time_axis' "
                    + timeAxis + " must be 0 and 1 in some order");
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (T, B, ...) or (B, T, ...); sequence_lens: (B)
        Tensor x = Inputs.required(inputs, 0, "input");
        if (x.rank() < 2) throw new IllegalArgumentException("input 'input' must have rank >= 2, got " + x.describe());
        long[] lens = Indices.read(Inputs.required(inputs, 1, "sequence_lens"), "sequence_lens");
        long[] dims = x.shape().dims();
        int batch = (int) dims[(int) batchAxis];
        int time = (int) dims[(int) timeAxis];
        if (lens.length != batch) {
            throw new IllegalArgumentException("input 'sequence_lens' has " + lens.length
                    + " values, expected the batch size " + batch);
        }
        long[] strides = x.shape().strides();
        int bs = (int) strides[(int) batchAxis];
        int ts = (int) strides[(int) timeAxis];
        int inner = (int) strides[1];
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        if (inner == 0) return new Tensor[] {y};
        for (int b = 0; b < batch; b++) {
            long len = lens[b];
            if (len < 0 || len > time) {
                throw new IllegalArgumentException("sequence_lens[" + b + "] = " + len + " is outside [0, " + time + "]");
            }
            for (int t = 0; t < time; t++) {
                int src = t < len ? (int) (len - 1 - t) : t;
                System.arraycopy(x.data(), b * bs + src * ts, y.data(), b * bs + t * ts, inner);
            }
        }
        return new Tensor[] {y};
    }
}
