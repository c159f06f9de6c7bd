package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.OptionalValue;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/**
 * OptionalHasElement: a bool scalar, true when the optional input holds a value. From opset 18
 * the input may be absent (false) or a plain tensor or sequence (true); opset 15 requires an
 * optional.
 */
public final class OptionalHasElement implements Op {
    private final boolean acceptsPlainValues;

    public OptionalHasElement(Node node, LoadContext ctx) {
        this.acceptsPlainValues = ctx.sinceVersion() >= 18;
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Value v = inputs.length > 0 ? inputs[0] : null;
        boolean has;
        if (v instanceof OptionalValue o) has = o.isPresent();
        else if (acceptsPlainValues) has = v != null;
        else {
            throw new IllegalArgumentException("input must be an optional at opset 15, got "
                    + (v == null ? "nothing" : v.describe()));
        }
        return new Value[] {Tensor.of(new boolean[] {has})};
    }
}
