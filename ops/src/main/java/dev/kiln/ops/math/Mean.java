package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** Mean: the elementwise mean of one or more inputs with broadcasting (sum, then divide by n). */
public final class Mean extends TensorOp {
    private final Add add = new Add();
    private final Div div = new Div();

    public Mean(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor sum = add.compute(inputs)[0];
        if (inputs.length == 1) return new Tensor[] {sum};
        Tensor n = Tensor.fromDoubles(sum.dtype(), Shape.SCALAR, new double[] {inputs.length});
        return new Tensor[] {div.apply(sum, n)};
    }
}
