package dev.kiln.ops.sequence;

import dev.kiln.ops.common.Args;
import dev.kiln.ops.control.TensorSlices;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * ConcatFromSequence: concatenates the sequence's tensors along {@code axis}, or stacks them
 * along a new axis when {@code new_axis=1} (then axis may be in {@code [-r-1, r]}).
 */
public final class ConcatFromSequence implements Op {
    private final long axis;
    private final boolean newAxis;

    public ConcatFromSequence(Node node) {
        this.axis = node.attributes().requireInt("axis");
        this.newAxis = node.attributes().getInt("new_axis", 0) != 0;
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        SequenceValue seq = SequenceArgs.sequence(inputs[0], "input_sequence");
        if (seq.size() == 0) {
            throw new IllegalArgumentException("input 'input_sequence' is empty; there is nothing to concatenate");
        }
        List<Tensor> parts = new ArrayList<>(seq.size());
        for (int i = 0; i < seq.size(); i++) parts.add(seq.tensor(i));
        int rank = parts.get(0).rank();
        if (newAxis) return new Value[] {TensorSlices.stack(parts, Args.axis(axis, rank + 1, "attribute 'axis'"))};
        if (rank == 0) throw new IllegalArgumentException("cannot concatenate scalars without new_axis=1");
        return new Value[] {TensorSlices.concat(parts, Args.axis(axis, rank, "attribute 'axis'"))};
    }
}
