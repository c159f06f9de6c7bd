package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.OptionalValue;
import dev.kiln.runtime.tensor.Value;

/**
 * Optional: wraps the input (a tensor or sequence) in an optional, or makes an empty optional
 * when no input is given (its element type is the {@code type} attribute).
 */
public final class Optional implements Op {
    public Optional(Node node) {
        if (!node.hasInput(0) && !node.attributes().has("type")) {
            throw new IllegalArgumentException("attribute 'type' is required when there is no input");
        }
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Value v = inputs.length > 0 ? inputs[0] : null;
        if (v instanceof OptionalValue) {
            throw new IllegalArgumentException("input must be a tensor or a sequence, got " + v.describe());
        }
        return new Value[] {v == null ? OptionalValue.empty() : new OptionalValue(v)};
    }
}
