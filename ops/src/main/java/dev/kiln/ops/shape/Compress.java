package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Compress: keeps the slices along {@code axis} whose entry in the 1-D bool {@code condition}
 * is true (a shorter condition drops the remaining slices); without an axis the input is
 * flattened first.
 */
public final class Compress extends TensorOp {
    private final Long axis;

    public Compress(Node node) {
        this.axis = node.attributes().has("axis") ? node.attributes().getInt("axis", 0) : null;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input");
        Tensor cond = Inputs.required(inputs, 1, "condition");
        if (cond.dtype() != DType.BOOL || cond.rank() != 1) {
            throw new IllegalArgumentException("input 'condition' must be a 1-D bool tensor, got " + cond.describe());
        }
        if (axis == null) x = x.reshape(Shape.of(x.shape().size()));
        int r = x.rank();
        int ax = axis == null ? 0 : Shape.normalizeAxis((int) (long) axis, r);
        long[] dims = x.shape().dims();
        boolean[] c = cond.booleans();
        int kept = 0;
        for (int i = 0; i < c.length; i++) {
            if (!c[i]) continue;
            if (i >= dims[ax]) {
                throw new IllegalArgumentException("input 'condition' selects slice " + i + " but axis " + ax
                        + " of " + x.shape() + " has only " + dims[ax]);
            }
            kept++;
        }
        long outer = Moves.product(dims, 0, ax);
        int inner = (int) Moves.product(dims, ax + 1, r);
        long[] out = dims.clone();
        out[ax] = kept;
        Tensor y = Tensor.zeros(x.dtype(), Shape.of(out));
        if (inner == 0) return new Tensor[] {y};
        int o = 0;
        for (long a = 0; a < outer; a++) {
            for (int i = 0; i < c.length; i++) {
                if (!c[i]) continue;
                System.arraycopy(x.data(), (int) ((a * dims[ax] + i) * inner), y.data(), o, inner);
                o += inner;
            }
        }
        return new Tensor[] {y};
    }
}
