package dev.kiln.ops.loss;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * SoftmaxCrossEntropyLoss (opset 12, 13): {@code log_prob = log(softmax(scores, axis=1))}, then the
 * negative log-likelihood of the labels with optional class weights, ignore_index and reduction.
 * {@code scores: (N, C, d1..dk)}, {@code labels: (N, d1..dk)}, {@code weights: (C)}; the optional
 * second output is {@code log_prob} with the shape of {@code scores}.
 */
public final class SoftmaxCrossEntropyLoss extends TensorOp {
    private final NllReduction reduction;

    public SoftmaxCrossEntropyLoss(Node node) {
        this.reduction = new NllReduction(node.attributes());
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor x = in[0];
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("input 'scores' must be a float tensor, got " + x.describe());
        }
        if (x.rank() < 2) {
            throw new IllegalArgumentException("input 'scores' must be at least 2-D (N, C, ...), got " + x.describe());
        }
        int n = x.shape().dimInt(0), c = x.shape().dimInt(1);
        int d = (int) x.shape().sizeBetween(2, x.rank());
        double[] logp = x.toDoubleArray();
        // log-softmax over the class axis for every (n, d)
        for (int ni = 0; ni < n; ni++) {
            for (int di = 0; di < d; di++) {
                int base = ni * c * d + di;
                double max = Double.NEGATIVE_INFINITY;
                for (int ci = 0; ci < c; ci++) max = Math.max(max, logp[base + ci * d]);
                double sum = 0;
                for (int ci = 0; ci < c; ci++) sum += Math.exp(logp[base + ci * d] - max);
                double lse = max + Math.log(sum);
                for (int ci = 0; ci < c; ci++) logp[base + ci * d] -= lse;
            }
        }
        Tensor weight = in.length > 2 ? in[2] : null;
        Tensor loss = reduction.apply(logp, x.shape(), in[1], weight, x.dtype(), "scores");
        return new Tensor[] {loss, Tensor.fromDoubles(x.dtype(), x.shape(), logp)};
    }
}
