package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Concat: joins tensors of equal rank along {@code axis}; the other dimensions must match.
 * Opsets 1-3 default the axis to 1; from opset 4 it is required.
 */
public final class Concat extends TensorOp {
    private final long axis;

    /** Opset 4+: {@code axis} is required. */
    public Concat(Node node) {
        if (!node.attributes().has("axis")) throw new IllegalArgumentException("attribute 'axis' is required");
        this.axis = node.attributes().getInt("axis", 0);
    }

    private Concat(long axis) {
        this.axis = axis;
    }

    /** Opsets 1-3: {@code axis} defaults to 1. */
    public static Concat v1(Node node) {
        return new Concat(node.attributes().getInt("axis", 1));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x_i: (A..., K_i, B...) -> y: (A..., ΣK_i, B...)
        Tensor first = null;
        for (Tensor t : inputs) {
            if (t != null) {
                first = t;
                break;
            }
        }
        if (first == null) throw new IllegalArgumentException("needs at least one input");
        int r = first.rank();
        int ax = (int) (axis < 0 ? axis + r : axis);
        if (ax < 0 || ax >= r) {
            throw new IllegalArgumentException("attribute 'axis' " + axis + " is out of range for rank " + r);
        }
        long[] out = first.shape().dims();
        out[ax] = 0;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t == null) continue;
            if (t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("input " + i + " is " + t.dtype() + ", expected " + first.dtype());
            }
            if (t.rank() != r) {
                throw new IllegalArgumentException("input " + i + " has shape " + t.shape()
                        + ", expected rank " + r + " like input 0 " + first.shape());
            }
            for (int d = 0; d < r; d++) {
                if (d != ax && t.shape().dim(d) != out[d]) {
                    throw new IllegalArgumentException("input " + i + " has shape " + t.shape()
                            + ", which differs from " + first.shape() + " outside axis " + ax);
                }
            }
            out[ax] += t.shape().dim(ax);
        }
        Tensor y = Tensor.zeros(first.dtype(), Shape.of(out));
        long outer = Moves.product(out, 0, ax);
        long inner = Moves.product(out, ax + 1, r);
        int rowOut = (int) (out[ax] * inner);
        int at = 0;
        for (Tensor t : inputs) {
            if (t == null) continue;
            int row = (int) (t.shape().dim(ax) * inner);
            if (row == 0) continue;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.data(), o * row, y.data(), o * rowOut + at, row);
            }
            at += row;
        }
        return new Tensor[] {y};
    }

    // y = the inputs joined along the axis  =>  dX_i = the slab of dY where input i landed
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor dY = dOutputs[0];
        long[] out = dY.shape().dims();
        int r = out.length;
        int ax = (int) (axis < 0 ? axis + r : axis);
        long outer = Moves.product(out, 0, ax);
        long inner = Moves.product(out, ax + 1, r);
        int rowOut = (int) (out[ax] * inner);
        Tensor[] d = new Tensor[inputs.length];
        int at = 0;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t == null) continue;
            int row = (int) (t.shape().dim(ax) * inner);
            if (GradData.differentiable(t)) {
                Tensor dX = Tensor.zeros(dY.dtype(), t.shape());
                for (int o = 0; o < outer && row > 0; o++) {
                    System.arraycopy(dY.data(), o * rowOut + at, dX.data(), o * row, row);
                }
                d[i] = dX;
            }
            at += row;
        }
        return d;
    }
}
