package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;

/** SequenceInsert: inserts {@code tensor} at {@code position} (default: the back) of the sequence. */
public final class SequenceInsert implements Op {
    public SequenceInsert(Node node) {}

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        SequenceValue seq = SequenceArgs.sequence(inputs[0], "input_sequence");
        Tensor t = SequenceArgs.tensor(inputs[1], "tensor");
        if (seq.elementType() != null && seq.elementType() != t.dtype()) {
            throw new IllegalArgumentException("input 'tensor' is " + t.dtype() + " but the sequence holds "
                    + seq.elementType());
        }
        int n = seq.size();
        int pos = inputs.length > 2 && inputs[2] != null ? SequenceArgs.position(inputs[2], n, true) : n;
        List<Value> out = new ArrayList<>(seq.elements());
        out.add(pos, t);
        return new Value[] {new SequenceValue(out, t.dtype())};
    }
}
