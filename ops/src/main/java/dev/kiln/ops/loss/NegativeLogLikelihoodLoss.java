package dev.kiln.ops.loss;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * NegativeLogLikelihoodLoss (opset 12, 13, 22): {@code loss[n, d] = -input[n, target[n, d], d] * weight[c]},
 * zero where {@code target == ignore_index}, then reduced by none, sum or (weighted) mean.
 * {@code input: (N, C, d1..dk)}, {@code target: (N, d1..dk)}, {@code weight: (C)}.
 */
public final class NegativeLogLikelihoodLoss extends TensorOp {
    private final NllReduction reduction;

    public NegativeLogLikelihoodLoss(Node node) {
        this.reduction = new NllReduction(node.attributes());
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor x = in[0];
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("input must be a float tensor, got " + x.describe());
        }
        Tensor weight = in.length > 2 ? in[2] : null;
        return new Tensor[] {reduction.apply(x.toDoubleArray(), x.shape(), in[1], weight, x.dtype(), "input")};
    }

    // loss[n, d] = -input[n, t, d] * w[t], t = target[n, d], then reduced
    //   =>  dInput[n, t, d] = -w[t] * dLoss[n, d] (/ total weight for "mean"), 0 elsewhere;
    //       target and weight get none
    @Override
    public Tensor[] backward(Tensor[] in, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = in[0];
        Tensor weight = in.length > 2 ? in[2] : null;
        double[] dX = reduction.gradient(x.shape(), in[1], weight, dOutputs[0]);
        Tensor[] d = new Tensor[in.length];
        d[0] = GradData.write(x.dtype(), x.shape(), dX);
        return d;
    }
}
