package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ConstantOfShape: a tensor of the shape given by input 0 (1-D int64), every element equal to
 * the one-element {@code value} attribute (float32 0 by default).
 */
public final class ConstantOfShape extends TensorOp {
    private final Tensor value;

    public ConstantOfShape(Node node) {
        Tensor v = node.attributes().getTensor("value");
        if (v == null) v = Tensor.zeros(DType.FLOAT32, Shape.SCALAR);
        if (v.size() != 1) {
            throw new IllegalArgumentException("attribute 'value' must hold one element, got " + v.describe());
        }
        this.value = v;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor s = Inputs.required(inputs, 0, "input");
        if (s.rank() > 1) throw new IllegalArgumentException("input 'input' must be 1-D, got " + s.describe());
        long[] dims = Indices.read(s, "input");
        for (long d : dims) {
            if (d < 0) throw new IllegalArgumentException("input 'input' has a negative dimension " + d);
        }
        Tensor y = Tensor.zeros(value.dtype(), Shape.of(dims));
        Moves.fill(y.data(), 0, y.size(), value.data());
        return new Tensor[] {y};
    }
}
