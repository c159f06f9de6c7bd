package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/** Sum: the elementwise sum of one or more inputs with broadcasting. */
public final class Sum extends TensorOp {
    private final Add add = new Add();

    public Sum(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return add.compute(inputs);
    }
}
