package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * LRN: local response normalization across channels,
 * {@code Y = X / (bias + alpha / size * sum(X[c']^2))^beta} over
 * {@code c' in [c - floor((size-1)/2), c + ceil((size-1)/2)]} clipped to the channels.
 */
public final class LRN extends TensorOp {
    private final double alpha;
    private final double beta;
    private final double bias;
    private final int size;

    public LRN(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 1e-4f);
        this.beta = node.attributes().getFloat("beta", 0.75f);
        this.bias = node.attributes().getFloat("bias", 1f);
        this.size = (int) node.attributes().requireInt("size");
        if (size < 1) throw new IllegalArgumentException("attribute 'size' must be >= 1, got " + size);
    }

    // X: (N, C, D1..Dk) → Y like X
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        if (x.rank() < 2) throw new IllegalArgumentException("input X must have shape (N, C, ...), got " + x.shape());
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        int inner = (int) x.shape().sizeBetween(2, x.rank());
        int before = (size - 1) / 2, after = size - 1 - before;
        Values in = Values.of(x, "X");
        Values out = Values.alloc(x.dtype(), x.size());
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int lo = Math.max(0, c - before), hi = Math.min(channels - 1, c + after);
                int base = (n * channels + c) * inner;
                for (int i = 0; i < inner; i++) {
                    double sq = 0;
                    for (int cc = lo; cc <= hi; cc++) {
                        double v = in.get((n * channels + cc) * inner + i);
                        sq += v * v;
                    }
                    out.set(base + i, in.get(base + i) / Math.pow(bias + alpha / size * sq, beta));
                }
            }
        }
        return new Tensor[] {out.toTensor(x.dtype(), x.shape())};
    }
}
