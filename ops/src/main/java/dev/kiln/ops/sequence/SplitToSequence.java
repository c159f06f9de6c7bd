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
 * SplitToSequence: splits {@code input} along {@code axis} into a sequence. Without {@code split}
 * the parts have length 1 and {@code keepdims=0} drops the axis; a scalar {@code split} gives
 * parts of that length (the last may be shorter); a 1-D {@code split} lists the lengths.
 */
public final class SplitToSequence implements Op {
    private final long axis;
    private final boolean keepdims;

    public SplitToSequence(Node node) {
        this.axis = node.attributes().getInt("axis", 0);
        this.keepdims = node.attributes().getInt("keepdims", 1) != 0;
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Tensor x = SequenceArgs.tensor(inputs[0], "input");
        int a = Args.axis(axis, x.rank(), "attribute 'axis'");
        int dim = x.shape().dimInt(a);
        Tensor split = inputs.length > 1 && inputs[1] != null ? SequenceArgs.tensor(inputs[1], "split") : null;
        List<Value> parts = new ArrayList<>();
        if (split == null) {
            for (int i = 0; i < dim; i++) {
                parts.add(keepdims ? TensorSlices.narrow(x, a, i, 1) : TensorSlices.take(x, a, i));
            }
        } else if (split.rank() == 0) {
            long size = Args.longs(split, "split")[0];
            if (size <= 0) throw new IllegalArgumentException("input 'split' must be positive, got " + size);
            for (long start = 0; start < dim; start += size) {
                parts.add(TensorSlices.narrow(x, a, (int) start, (int) Math.min(size, dim - start)));
            }
        } else if (split.rank() == 1) {
            long[] sizes = Args.longs(split, "split");
            long sum = 0;
            for (long s : sizes) {
                if (s < 0) throw new IllegalArgumentException("input 'split' has negative length " + s);
                sum += s;
            }
            if (sum != dim) {
                throw new IllegalArgumentException("input 'split' sums to " + sum + " but axis " + a + " of "
                        + x.describe() + " has length " + dim);
            }
            int start = 0;
            for (long s : sizes) {
                parts.add(TensorSlices.narrow(x, a, start, (int) s));
                start += (int) s;
            }
        } else {
            throw new IllegalArgumentException("input 'split' must be a scalar or 1-D, got " + split.describe());
        }
        return new Value[] {new SequenceValue(parts, x.dtype())};
    }
}
