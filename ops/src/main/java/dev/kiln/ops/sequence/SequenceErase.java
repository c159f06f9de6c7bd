package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;

/** SequenceErase: removes the tensor at {@code position} (default: the last) from the sequence. */
public final class SequenceErase implements Op {
    public SequenceErase(Node node) {}

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        SequenceValue seq = SequenceArgs.sequence(inputs[0], "input_sequence");
        int n = seq.size();
        if (n == 0) throw new IllegalArgumentException("input 'input_sequence' is empty; nothing to erase");
        int pos = inputs.length > 1 && inputs[1] != null ? SequenceArgs.position(inputs[1], n, false) : n - 1;
        List<Value> out = new ArrayList<>(seq.elements());
        out.remove(pos);
        return new Value[] {new SequenceValue(out, seq.elementType())};
    }
}
