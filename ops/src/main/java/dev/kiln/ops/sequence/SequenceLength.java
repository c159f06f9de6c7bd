package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/** SequenceLength: the number of tensors in the sequence, as an int64 scalar. */
public final class SequenceLength implements Op {
    public SequenceLength(Node node) {}

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        return new Value[] {Tensor.scalar((long) SequenceArgs.sequence(inputs[0], "input_sequence").size())};
    }
}
