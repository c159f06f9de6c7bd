package dev.kiln.ops.loss;

import dev.kiln.ops.common.GradData;
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
        double[] logp = logSoftmax(x);
        Tensor weight = in.length > 2 ? in[2] : null;
        Tensor loss = reduction.apply(logp, x.shape(), in[1], weight, x.dtype(), "scores");
        return new Tensor[] {loss, Tensor.fromDoubles(x.dtype(), x.shape(), logp)};
    }

    // log_prob = scores - logsumexp_c(scores), loss = NLL(log_prob)
    //   =>  g = dLog_prob + (the NLL gradient of dLoss), dScores = g - softmax(scores) * sum_c g;
    //       labels and weights get none
    @Override
    public Tensor[] backward(Tensor[] in, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = in[0];
        Tensor weight = in.length > 2 ? in[2] : null;
        double[] g = reduction.gradient(x.shape(), in[1], weight, dOutputs[0]);
        if (dOutputs.length > 1 && dOutputs[1] != null) {
            double[] dLogp = GradData.read(dOutputs[1]);
            for (int i = 0; i < g.length; i++) g[i] += dLogp[i];
        }
        double[] logp = logSoftmax(x);
        int n = x.shape().dimInt(0), c = x.shape().dimInt(1);
        int d = (int) x.shape().sizeBetween(2, x.rank());
        double[] dX = new double[g.length];
        for (int ni = 0; ni < n; ni++) {
            for (int di = 0; di < d; di++) {
                int base = ni * c * d + di;
                double sum = 0;
                for (int ci = 0; ci < c; ci++) sum += g[base + ci * d];
                for (int ci = 0; ci < c; ci++) {
                    int i = base + ci * d;
                    dX[i] = g[i] - Math.exp(logp[i]) * sum;
                }
            }
        }
        Tensor[] dIn = new Tensor[in.length];
        dIn[0] = GradData.write(x.dtype(), x.shape(), dX);
        return dIn;
    }

    /** log(softmax(x)) over the class axis (axis 1) for every (n, d), in double. */
    private static double[] logSoftmax(Tensor x) {
        int n = x.shape().dimInt(0), c = x.shape().dimInt(1);
        int d = (int) x.shape().sizeBetween(2, x.rank());
        double[] logp = x.toDoubleArray();
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
        return logp;
    }
}
