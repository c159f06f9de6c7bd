package dev.kiln.ops.math;

import dev.kiln.ops.common.GradData;
import dev.kiln.ops.common.GradReduce;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Mean: the elementwise mean of one or more inputs with broadcasting (sum, then divide by n),
 * opset 8+; before opset 8 every input must have the same shape.
 */
public final class Mean extends TensorOp {
    private final Add add = new Add();
    private final Div div = new Div();
    private final boolean sameShapes;

    /** With numpy broadcasting (opset 8+). */
    public Mean(Node node) {
        this.sameShapes = false;
    }

    /** As registered: inputs of one shape before opset 8, broadcasting from 8. */
    public Mean(Node node, LoadContext ctx) {
        this.sameShapes = ctx.sinceVersion() < 8;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        if (sameShapes) LegacyBroadcast.requireSameShapes(inputs);
        Tensor sum = add.compute(inputs)[0];
        if (inputs.length == 1) return new Tensor[] {sum};
        Tensor n = Tensor.fromDoubles(sum.dtype(), Shape.SCALAR, new double[] {inputs.length});
        return new Tensor[] {div.apply(sum, n)};
    }

    // y = (x_0 + ... + x_(n-1)) / n  =>  dX_k = dY / n summed over the axes x_k was broadcast along
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor[] d = new Tensor[inputs.length];
        Shape ys = outputs[0].shape();
        double[] dy = GradData.read(dOutputs[0]);
        for (int k = 0; k < d.length; k++) {
            Tensor x = inputs[k];
            if (!GradData.differentiable(x)) continue;
            double[] dX = GradReduce.sumTo(dy, ys, x.shape()).clone();
            for (int i = 0; i < dX.length; i++) dX[i] /= inputs.length;
            d[k] = GradData.write(x.dtype(), x.shape(), dX);
        }
        return d;
    }
}
