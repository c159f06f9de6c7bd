package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Split: cuts a tensor along {@code axis} into the lengths given by {@code split} (an attribute
 * in opsets 1-12, where opset 1 also accepts it as input 1; input 1 from opset 13), or else into
 * equal parts, one per output. From opset 18 {@code num_outputs} may set the part count, and
 * the last part may be smaller when the axis does not divide evenly.
 */
public final class Split extends TensorOp {
    private final long axis;
    private final long[] splitAttr;
    private final boolean splitInput;
    private final int parts;
    private final boolean unevenLast;
    private final int outputs;
    private final boolean opset1;

    private Split(Node node, boolean attribute, boolean input, boolean opset18) {
        this.axis = node.attributes().getInt("axis", 0);
        this.splitAttr = attribute ? node.attributes().getInts("split", null) : null;
        this.splitInput = input;
        long n = opset18 ? node.attributes().getInt("num_outputs", 0) : 0;
        this.parts = n > 0 ? (int) n : node.outputs().size();
        if (opset18 && n > 0 && n != node.outputs().size()) {
            throw new IllegalArgumentException("attribute 'num_outputs' is " + n + " but the node has "
                    + node.outputs().size() + " outputs");
        }
        this.unevenLast = opset18;
        this.outputs = node.outputs().size();
        this.opset1 = attribute && input;
    }

    /** Opset 1: {@code split} as an attribute or as input 1. */
    public static Split v1(Node node) { return new Split(node, true, true, false); }

    /** Opsets 2-12: {@code split} as an attribute. */
    public static Split v2(Node node) { return new Split(node, true, false, false); }

    /** Opsets 13-17: {@code split} as input 1. */
    public static Split v13(Node node) { return new Split(node, false, true, false); }

    /** Opset 18+: {@code split} as input 1 or {@code num_outputs}, uneven last part allowed. */
    public static Split v18(Node node) { return new Split(node, false, true, true); }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input");
        int r = x.rank();
        int ax = (int) (axis < 0 ? axis + r : axis);
        if (ax < 0 || ax >= r) {
            throw new IllegalArgumentException("attribute 'axis' " + axis + " is out of range for rank " + r);
        }
        long dim = x.shape().dim(ax);
        Tensor splitT = splitInput ? Inputs.optional(inputs, 1) : null;
        long[] lengths = splitAttr;
        if (splitT != null) {
            // opset 1 types the split input like the data (float); later opsets use int64
            lengths = opset1 && splitT.dtype().isFloatingPoint() ? splitT.toLongArray() : Indices.read(splitT, "split");
        }
        if (lengths == null) lengths = equalParts(dim);
        if (lengths.length != outputs) {
            throw new IllegalArgumentException("split " + Arrays.toString(lengths) + " has " + lengths.length
                    + " parts but the node has " + outputs + " outputs");
        }
        long sum = 0;
        for (long l : lengths) {
            if (l < 0) throw new IllegalArgumentException("split " + Arrays.toString(lengths) + " has a negative length");
            sum += l;
        }
        if (sum != dim) {
            throw new IllegalArgumentException("split " + Arrays.toString(lengths) + " sums to " + sum
                    + ", expected the axis " + ax + " size " + dim + " of input " + x.shape());
        }
        long[] dims = x.shape().dims();
        long outer = Moves.product(dims, 0, ax);
        long inner = Moves.product(dims, ax + 1, r);
        int rowIn = (int) (dim * inner);
        Tensor[] out = new Tensor[lengths.length];
        long at = 0;
        for (int p = 0; p < lengths.length; p++) {
            dims[ax] = lengths[p];
            Tensor y = Tensor.zeros(x.dtype(), Shape.of(dims));
            int row = (int) (lengths[p] * inner);
            if (row > 0) {
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(x.data(), (int) (o * rowIn + at), y.data(), o * row, row);
                }
            }
            at += row;
            out[p] = y;
        }
        return out;
    }

    private long[] equalParts(long dim) {
        if (parts <= 0) throw new IllegalArgumentException("has no outputs to split into");
        long[] l = new long[parts];
        if (!unevenLast) {
            if (dim % parts != 0) {
                throw new IllegalArgumentException("axis size " + dim + " does not split into " + parts
                        + " equal parts; give 'split'");
            }
            Arrays.fill(l, dim / parts);
            return l;
        }
        long chunk = (dim + parts - 1) / parts;
        long rest = dim;
        for (int i = 0; i < parts; i++) {
            l[i] = Math.min(chunk, rest);
            rest -= l[i];
        }
        return l;
    }

    // y_p = part p of x along the axis  =>  dX = the dY_p joined along the axis (zeros for a
    // part without gradient); the split input gets none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        Tensor[] d = new Tensor[inputs.length];
        if (!GradData.differentiable(x)) return d;
        long[] dims = x.shape().dims();
        int r = dims.length;
        int ax = (int) (axis < 0 ? axis + r : axis);
        long outer = Moves.product(dims, 0, ax);
        long inner = Moves.product(dims, ax + 1, r);
        int rowIn = (int) (dims[ax] * inner);
        Tensor dX = Tensor.zeros(x.dtype(), x.shape());
        int at = 0;
        for (int p = 0; p < outputs.length; p++) {
            if (outputs[p] == null) continue;
            int row = (int) (outputs[p].shape().dim(ax) * inner);
            Tensor dYp = p < dOutputs.length ? dOutputs[p] : null;
            if (dYp != null && row > 0) {
                for (int o = 0; o < outer; o++) System.arraycopy(dYp.data(), o * row, dX.data(), o * rowIn + at, row);
            }
            at += row;
        }
        d[0] = dX;
        return d;
    }
}
