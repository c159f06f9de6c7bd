package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Value;

/** SequenceAt: the tensor at {@code position} (negative counts from the back) of the sequence. */
public final class SequenceAt implements Op {
    public SequenceAt(Node node) {}

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        SequenceValue seq = SequenceArgs.sequence(inputs[0], "input_sequence");
        int pos = SequenceArgs.position(inputs[1], seq.size(), false);
        return new Value[] {seq.elements().get(pos)};
    }
}
