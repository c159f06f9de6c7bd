package dev.kiln.ops.reduce;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Tensor;

/** CumSum: running sums of x along the axis input, optionally exclusive and reversed. */
public final class CumSum extends Cumulative {
    public CumSum(Node node) {
        super(node, false);
    }

    // y[t] = sum of x[s] over s <= t (s < t if exclusive; s >= t, s > t if reverse)
    //   =>  dX[s] = sum of dY[t] over t >= s (t > s if exclusive; t <= s, t < s if reverse):
    //       the same scan of dY in the opposite direction
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        if (!GradData.differentiable(x)) return new Tensor[2];
        double[] dX = scan(GradData.read(dOutputs[0]), layout(x, inputs[1]), exclusive, !reverse, false);
        return new Tensor[] {GradData.write(x.dtype(), x.shape(), dX), null};
    }
}
