package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * InstanceNormalization: for every (n, c) plane,
 * {@code Y = scale[c] * (X - mean) / sqrt(var + epsilon) + B[c]} with statistics over the
 * spatial axes.
 */
public final class InstanceNormalization extends TensorOp {
    private final double epsilon;

    public InstanceNormalization(Node node) {
        this.epsilon = node.attributes().getFloat("epsilon", 1e-5f);
    }

    // X: (N, C, D1..Dk), scale: (C), B: (C) → Y like X
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        if (x.rank() < 3) {
            throw new IllegalArgumentException("input X must have shape (N, C, D1, ...), got " + x.shape());
        }
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        double[] scale = GroupNormalization.perChannel(inputs[1], channels, "scale");
        double[] bias = GroupNormalization.perChannel(inputs[2], channels, "B");
        int inner = (int) x.shape().sizeBetween(2, x.rank());
        Values in = Values.of(x, "X");
        Values out = Values.alloc(x.dtype(), x.size());
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * inner;
                double m = RowStats.mean(in, base, inner);
                double a = scale[c] / Math.sqrt(RowStats.variance(in, base, inner, m) + epsilon);
                for (int i = 0; i < inner; i++) out.set(base + i, (in.get(base + i) - m) * a + bias[c]);
            }
        }
        return new Tensor[] {out.toTensor(x.dtype(), x.shape())};
    }
}
