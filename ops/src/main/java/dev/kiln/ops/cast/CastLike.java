package dev.kiln.ops.cast;

import dev.kiln.ops.cast.NarrowCodec.E8M0Rounding;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/** CastLike: {@code output = input} converted to the element type of {@code target_type}. */
public final class CastLike extends TensorOp {
    private final boolean saturate;
    private final E8M0Rounding roundMode;

    public CastLike(Node node) {
        this.saturate = node.attributes().getInt("saturate", 1) != 0;
        this.roundMode = E8M0Rounding.parse(node.attributes().getString("round_mode", "up"));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        if (inputs[0] == null) throw new IllegalArgumentException("input 'input' is required");
        if (inputs[1] == null) throw new IllegalArgumentException("input 'target_type' is required");
        return new Tensor[] {Conversions.convert(inputs[0], inputs[1].dtype(), saturate, roundMode)};
    }

    // dX = CastLike(dY, X); the target_type input only lends its type
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        if (!inputs[0].dtype().isFloatingPoint() || !inputs[1].dtype().isFloatingPoint()) {
            return new Tensor[] {null, null};
        }
        return new Tensor[] {Conversions.convert(dOutputs[0], inputs[0].dtype(), true, E8M0Rounding.UP), null};
    }
}
