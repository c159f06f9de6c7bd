package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The limited broadcasting of opsets 1 to 6 (Add, Sub, Mul, Div, Pow, Equal, Less, Greater, And,
 * Or, Xor): with {@code broadcast=1}, B is a single element or its shape is a contiguous run of
 * A's shape starting at {@code axis} (suffix matching when {@code axis} is absent); with
 * {@code broadcast=0}, A and B have the same shape. The result always has A's shape.
 *
 * <p>Example: A (2, 3, 4, 5), B (3, 4), axis=1 → B is read as (1, 3, 4, 1).
 */
final class LegacyBroadcast {
    private final boolean broadcast;
    private final Long axis;
    private final boolean channelSlope;

    LegacyBroadcast(Node node) {
        this.broadcast = node.attributes().getInt("broadcast", 0) != 0;
        this.axis = node.attributes().has("axis") ? node.attributes().getInt("axis", 0) : null;
        this.channelSlope = false;
    }

    private LegacyBroadcast() {
        this.broadcast = true;
        this.axis = 1L;
        this.channelSlope = true;
    }

    /**
     * PRelu's slope before opset 7 (Caffe2's PRelu): "If Slope is of size 1, the value is shared
     * across different channels"; a 1-D slope of C values holds one value per channel, axis 1 of
     * X (numpy broadcasting from opset 7 would align it with the last axis instead). Any other
     * slope is taken as it is, and must broadcast to X.
     */
    static LegacyBroadcast preluSlopeBefore7(LoadContext ctx) {
        return ctx.sinceVersion() < 7 ? new LegacyBroadcast() : null;
    }

    /**
     * The legacy broadcasting of {@code node} when the resolved registration predates
     * {@code numpySince} (the opset that introduced numpy broadcasting), else null.
     */
    static LegacyBroadcast before(int numpySince, Node node, LoadContext ctx) {
        return ctx.sinceVersion() < numpySince ? new LegacyBroadcast(node) : null;
    }

    /**
     * The rule of Sum, Mean, Max and Min before opset 8: "All inputs and outputs must have the
     * same shape" (no broadcasting).
     *
     * @throws IllegalArgumentException naming the first input whose shape differs from input 0
     */
    static void requireSameShapes(Tensor[] inputs) {
        for (int i = 1; i < inputs.length; i++) {
            if (inputs[i] != null && inputs[0] != null && !inputs[i].shape().equals(inputs[0].shape())) {
                throw new IllegalArgumentException("input " + i + " " + inputs[i].shape() + " must have the shape of input 0 "
                        + inputs[0].shape() + " (no broadcasting before opset 8)");
            }
        }
    }

    /** B reshaped to A's rank so that numpy broadcasting gives the legacy result. */
    Tensor align(Tensor a, Tensor b) {
        Shape as = a.shape();
        Shape bs = b.shape();
        if (channelSlope) {
            if (bs.size() == 1) return b.reshape(Shape.SCALAR);
            if (bs.rank() != 1 || as.rank() < 2 || bs.dim(0) != as.dim(1)) return b;
        }
        if (!broadcast) {
            if (!as.equals(bs)) {
                throw new IllegalArgumentException("inputs A " + as + " and B " + bs
                        + " must have the same shape when attribute 'broadcast' is 0");
            }
            return b;
        }
        if (bs.size() == 1) return b.reshape(Shape.SCALAR);
        int ra = as.rank();
        int rb = bs.rank();
        long start = axis == null ? ra - rb : (axis < 0 ? axis + ra : axis);
        if (start < 0 || start + rb > ra) {
            throw new IllegalArgumentException("input B " + bs + " does not fit into A " + as
                    + " at axis " + (axis == null ? "(suffix)" : axis));
        }
        long[] dims = new long[ra];
        for (int i = 0; i < ra; i++) dims[i] = 1;
        for (int i = 0; i < rb; i++) {
            long db = bs.dim(i);
            long da = as.dim((int) start + i);
            if (db != da && db != 1) {
                throw new IllegalArgumentException("input B " + bs + " does not match A " + as
                        + " at axis " + (start + i) + " (" + db + " vs " + da + ")");
            }
            dims[(int) start + i] = db;
        }
        return b.reshape(Shape.of(dims));
    }
}
