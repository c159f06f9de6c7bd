package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.OptionalValue;
import dev.kiln.runtime.tensor.Value;

/**
 * OptionalGetElement: the value inside a non-empty optional. From opset 18 a plain tensor or
 * sequence input is returned as is; opset 15 requires an optional.
 */
public final class OptionalGetElement implements Op {
    private final boolean acceptsPlainValues;

    public OptionalGetElement(Node node, LoadContext ctx) {
        this.acceptsPlainValues = ctx.sinceVersion() >= 18;
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Value v = inputs[0];
        if (v instanceof OptionalValue o) {
            if (!o.isPresent()) throw new IllegalArgumentException("input is an empty optional");
            return new Value[] {o.value()};
        }
        if (!acceptsPlainValues) {
            throw new IllegalArgumentException("input must be an optional at opset 15, got " + v.describe());
        }
        return new Value[] {v};
    }
}
