package dev.kiln.ops.shape;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/** Identity: {@code Y = X}, for tensors, sequences and optionals. */
public final class Identity implements Op {
    public Identity(Node node) {}

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        return new Value[] {inputs[0]};
    }

    // dX = dY
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        return new Tensor[] {dOutputs[0]};
    }
}
