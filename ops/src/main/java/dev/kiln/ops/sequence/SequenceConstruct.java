package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;

/** SequenceConstruct: a sequence of the input tensors, which must share one dtype. */
public final class SequenceConstruct implements Op {
    public SequenceConstruct(Node node) {}

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        List<Value> elements = new ArrayList<>(inputs.length);
        Tensor first = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = SequenceArgs.tensor(inputs[i], "inputs[" + i + "]");
            if (first == null) first = t;
            else if (t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("inputs[" + i + "] is " + t.dtype() + " but inputs[0] is "
                        + first.dtype() + "; all inputs must have the same dtype");
            }
            elements.add(t);
        }
        return new Value[] {new SequenceValue(elements, first == null ? null : first.dtype())};
    }
}
