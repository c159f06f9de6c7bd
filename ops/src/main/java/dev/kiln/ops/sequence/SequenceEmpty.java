package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Value;
import java.util.List;

/** SequenceEmpty: an empty sequence whose element type is the {@code dtype} attribute (float32 by default). */
public final class SequenceEmpty implements Op {
    private final DType dtype;

    public SequenceEmpty(Node node) {
        this.dtype = DType.fromOnnx((int) node.attributes().getInt("dtype", DType.FLOAT32.onnxCode()));
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        return new Value[] {new SequenceValue(List.of(), dtype)};
    }
}
