package dev.kiln.ops.math;

import dev.kiln.ops.common.GradData;
import dev.kiln.ops.common.GradReduce;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Sum: the elementwise sum of one or more inputs with broadcasting (opset 8+); before opset 8
 * every input must have the same shape.
 */
public final class Sum extends TensorOp {
    private final Add add = new Add();
    private final boolean sameShapes;

    /** With numpy broadcasting (opset 8+). */
    public Sum(Node node) {
        this.sameShapes = false;
    }

    /** As registered: inputs of one shape before opset 8, broadcasting from 8. */
    public Sum(Node node, LoadContext ctx) {
        this.sameShapes = ctx.sinceVersion() < 8;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        if (sameShapes) LegacyBroadcast.requireSameShapes(inputs);
        return add.compute(inputs);
    }

    // y = x_0 + ... + x_(n-1)  =>  dX_k = dY summed over the axes x_k was broadcast along
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor[] d = new Tensor[inputs.length];
        for (int k = 0; k < d.length; k++) {
            if (GradData.differentiable(inputs[k])) d[k] = GradReduce.sumTo(dOutputs[0], inputs[k].shape());
        }
        return d;
    }
}
